<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="/WEB-INF/pages/head.jspf" %>
  <title>Stepwise Bank</title>
</head>
<body>
<header class="bank-header">
  <div class="bank-bar"><a class="bank-name" href="<c:out value='${pageContext.request.contextPath}'/>/">Stepwise Bank</a></div>
</header>
<main class="bank-main narrow">
<section class="card">
<h1>Stepwise Bank</h1>
<p class="lead">A sample application protected by Stepwise MFA.</p>
<p><a href="account">Go to your account</a></p>
</section>
</main>
</body>
</html>
