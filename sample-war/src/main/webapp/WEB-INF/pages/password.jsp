<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Change password - Stepwise Bank</title></head>
<body>
<h1>Change password</h1>
<c:if test="${not empty message}"><p role="status" id="message"><c:out value="${message}"/></p></c:if>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/password" id="password-form">
  <%@ include file="csrf-field.jspf" %>
  <label for="newPassword">New password</label>
  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" minlength="8" required>
  <button type="submit">Change password</button>
</form>
<p><a href="<c:out value='${pageContext.request.contextPath}'/>/account">Back to your account</a></p>
</body>
</html>
