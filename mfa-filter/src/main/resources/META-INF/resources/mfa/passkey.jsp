<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.passkey.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.passkey.title"/></h1>
  <%-- autocomplete "username webauthn": the browser offers the passkeys in the field's autofill (passkey.js) --%>
  <p>
    <label for="stepwise-passkey-name"><fmt:message key="stepwise.mfa.passkey.name"/></label>
    <input type="text" id="stepwise-passkey-name" name="username" autocomplete="username webauthn">
  </p>
  <p>
    <button type="button" id="stepwise-passkey-button"
            data-stepwise-passkey="<c:out value='${page.endpoint()}'/>"><fmt:message key="stepwise.mfa.passkey.button"/></button>
  </p>
  <fmt:message key="stepwise.mfa.passkey.unsupported" var="unsupported"/>
  <fmt:message key="stepwise.mfa.passkey.failed" var="failed"/>
  <p data-stepwise-passkey-status role="status" id="stepwise-passkey-status"
     data-unsupported="<c:out value='${unsupported}'/>" data-failed="<c:out value='${failed}'/>"></p>
  <p><a href="<c:out value='${page.signIn()}'/>"><fmt:message key="stepwise.mfa.passkey.other"/></a></p>
</main>
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/passkey.js"></script>
</body>
</html>
