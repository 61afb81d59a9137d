<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Administration - Stepwise Bank</title></head>
<body>
<h1 id="admin-title">Administration</h1>
<c:choose>
  <c:when test="${admin}"><p id="admin-tools">You are an administrator.</p></c:when>
  <c:otherwise><p id="admin-none">You have no administrative rights.</p></c:otherwise>
</c:choose>
<p><a href="${pageContext.request.contextPath}/account">Back to your account</a></p>
</body>
</html>
