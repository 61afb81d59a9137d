<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="head.jspf" %>
  <title>Sign in - Stepwise Bank</title>
</head>
<body>
<%@ include file="header.jspf" %>
<main class="bank-main narrow">
<section class="card">
<h1>Sign in</h1>
<c:if test="${error}"><p role="alert" id="login-error" class="error">Wrong user name or password.</p></c:if>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/login" id="login">
  <%@ include file="csrf-field.jspf" %>
  <label for="username">User name</label>
  <input id="username" name="username" autocomplete="username webauthn" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<c:if test="${passkeys}">
<p><button type="button" id="passkey" data-stepwise-passkey="<c:out value='${pageContext.request.contextPath}'/>/mfa/passkey">Sign in with a passkey</button></p>
<p id="passkey-status" role="status" data-stepwise-passkey-status data-failed="That passkey could not sign you in." data-unsupported="This browser cannot use passkeys."></p>
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/passkey.js"></script>
</c:if>
</section>
<p class="muted">A demo bank: sign in as <span class="nowrap">alice / alice-password</span>, <span class="nowrap">bob / bob-password</span> or <span class="nowrap">admin / admin-password</span>.</p>
</main>
</body>
</html>
