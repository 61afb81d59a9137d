<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="head.jspf" %>
  <title>Change password - Stepwise Bank</title>
</head>
<body>
<%@ include file="header.jspf" %>
<main class="bank-main narrow">
<section class="card">
<h1>Change password</h1>
<c:if test="${not empty message}"><p role="status" id="message" class="done"><c:out value="${message}"/></p></c:if>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/password" id="password-form">
  <%@ include file="csrf-field.jspf" %>
  <label for="newPassword">New password</label>
  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="8" required>
  <button type="submit">Change password</button>
</form>
<p class="muted">At least 8 characters. You will be asked to confirm it's you; browsers you trusted will ask for a
  second factor again.</p>
<p><a href="<c:out value='${pageContext.request.contextPath}'/>/account">Back to your account</a></p>
</section>
</main>
</body>
</html>
