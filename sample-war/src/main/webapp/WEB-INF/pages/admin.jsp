<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Administration - Stepwise Bank</title></head>
<body>
<h1 id="admin-title">Administration</h1>
<c:choose>
  <c:when test="${admin}">
    <p id="admin-tools">You are an administrator.</p>
    <form method="get" action="<c:out value='${pageContext.request.contextPath}'/>/admin">
      <label for="lookup">User</label> <input id="lookup" name="user" value="<c:out value='${param.user}'/>">
      <button type="submit">Look up</button>
    </form>
    <c:if test="${not empty overview}">
      <h2>Second factors of <span id="overview-user"><c:out value="${overview.user()}"/></span></h2>
      <p>Factors: <span id="overview-factors"><c:out value="${overview.factors()}"/></span></p>
      <p>Trusted devices: <c:out value="${overview.trustedDevices().size()}"/></p>
      <p>Security keys and passkeys: <c:out value="${overview.keys().size()}"/></p>
      <ul id="overview-keys">
        <c:forEach items="${overview.keys()}" var="k">
          <li class="overview-key"><span class="overview-key-name"><c:out value="${k.name()}"/></span>
            (<c:out value="${k.kind().id()}"/>), added <c:out value="${k.addedAt()}"/>,
            last used <span class="overview-key-used"><c:out value="${k.lastUsedAt() == null ? 'never' : k.lastUsedAt()}"/></span></li>
        </c:forEach>
      </ul>
      <p>Exemption until: <span id="overview-exemption"><c:out value="${overview.exemption().isPresent() ? overview.exemption().get().until() : 'none'}"/></span></p>
      <form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/admin" id="admin-action">
        <%@ include file="csrf-field.jspf" %>
        <input type="hidden" name="user" value="<c:out value='${overview.user()}'/>">
        <label for="reason">Reason (required, goes to the audit log)</label>
        <input id="reason" name="reason" required maxlength="200">
        <button name="action" value="exempt">Exempt from MFA for 24 hours</button>
        <button name="action" value="end-exemption">End exemption</button>
        <button name="action" value="reset">Reset second factors</button>
        <button name="action" value="revoke-devices">Revoke trusted devices</button>
      </form>
    </c:if>
    <h2>Audit log</h2>
    <ol id="audit">
      <c:forEach items="${audit}" var="line"><li><code><c:out value="${line}"/></code></li></c:forEach>
    </ol>
  </c:when>
  <c:otherwise><p id="admin-none">You have no administrative rights.</p></c:otherwise>
</c:choose>
<p><a href="<c:out value='${pageContext.request.contextPath}'/>/account">Back to your account</a></p>
</body>
</html>
