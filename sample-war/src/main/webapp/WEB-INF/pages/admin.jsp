<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="head.jspf" %>
  <title>Administration - Stepwise Bank</title>
</head>
<body>
<c:set var="nav" value="admin"/>
<%@ include file="header.jspf" %>
<main class="bank-main">
<h1 id="admin-title">Administration</h1>
<c:choose>
  <c:when test="${admin}">
    <section class="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">Help a customer</h2>
      <p id="admin-tools" class="muted">You are an administrator.</p>
      <form method="get" action="<c:out value='${pageContext.request.contextPath}'/>/admin" class="inline-form">
        <label for="lookup">User</label> <input id="lookup" name="user" autocomplete="off" value="<c:out value='${param.user}'/>">
        <button type="submit">Look up</button>
      </form>
    </section>
    <c:if test="${not empty overview}">
      <section class="card facts" aria-labelledby="overview-title">
        <h2 id="overview-title">Second factors of <span id="overview-user"><c:out value="${overview.user()}"/></span></h2>
        <p>Factors: <span id="overview-factors"><c:out value="${overview.factors()}"/></span></p>
        <p>Trusted devices: <c:out value="${overview.trustedDevices().size()}"/></p>
        <p>Security keys and passkeys: <c:out value="${overview.keys().size()}"/></p>
        <ul id="overview-keys">
          <c:forEach items="${overview.keys()}" var="k">
            <li class="overview-key"><strong class="overview-key-name"><c:out value="${k.name()}"/></strong>
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
          <div class="actions">
            <button name="action" value="exempt">Exempt from MFA for 24 hours</button>
            <button name="action" value="end-exemption" class="secondary">End exemption</button>
            <button name="action" value="reset" class="danger">Reset second factors</button>
            <button name="action" value="revoke-devices" class="secondary">Revoke trusted devices</button>
          </div>
        </form>
      </section>
    </c:if>
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <table id="audit" class="stack">
        <caption>The last 200 events, newest first. Times are in UTC.</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">User</th><th scope="col">Log line</th></tr></thead>
        <tbody>
          <c:forEach items="${audit}" var="e">
            <tr>
              <td class="nowrap" data-label="When"><c:out value="${e.when()}"/></td>
              <td data-label="Event"><span class="event<c:if test='${e.failure()}'> failure</c:if>"><c:out value="${e.event()}"/></span></td>
              <td class="nowrap" data-label="User"><c:out value="${e.user()}"/></td>
              <td class="line"><code><c:out value="${e.line()}"/></code></td>
            </tr>
          </c:forEach>
          <c:if test="${empty audit}"><tr><td colspan="4" class="muted">No events yet.</td></tr></c:if>
        </tbody>
      </table>
    </section>
  </c:when>
  <c:otherwise>
    <section class="card">
      <p id="admin-none">You have no administrative rights.</p>
      <p><a href="<c:out value='${pageContext.request.contextPath}'/>/account">Back to your account</a></p>
    </section>
  </c:otherwise>
</c:choose>
</main>
</body>
</html>
