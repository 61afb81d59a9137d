<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.webauthn.register.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.webauthn.register.title"/></h1>
  <c:if test="${not empty page.error()}">
    <p class="error" role="alert" id="stepwise-error"><fmt:message key="${page.error()}"/></p>
  </c:if>
  <form method="post" action="<c:out value='${page.links().settings()}'/>/webauthn" id="stepwise-webauthn-register"
        data-stepwise-webauthn="create" data-options="<c:out value='${page.options()}'/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="credential" value="">
    <label for="stepwise-key-name"><fmt:message key="stepwise.mfa.webauthn.register.name"/></label>
    <input id="stepwise-key-name" name="name" type="text" maxlength="64" required autocomplete="off">
    <button type="submit"><fmt:message key="stepwise.mfa.webauthn.register.button"/></button>
    <fmt:message key="stepwise.mfa.webauthn.unsupported" var="unsupported"/>
    <fmt:message key="stepwise.mfa.webauthn.failed" var="failed"/>
    <p data-stepwise-status role="status"
       data-unsupported="<c:out value='${unsupported}'/>" data-failed="<c:out value='${failed}'/>"></p>
  </form>
  <p><a href="<c:out value='${page.links().settings()}'/>"><fmt:message key="stepwise.mfa.settings.title"/></a></p>
</main>
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/webauthn.js"></script>
</body>
</html>
