<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%-- Shown with status 500 when the library or a factor failed (LibraryFailure); the details are in the server's
     log, never on the page. --%>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.failure.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.failure.title"/></h1>
  <p id="stepwise-failure" class="error"><fmt:message key="stepwise.mfa.failure.text"/></p>
  <p><a href="<c:out value='${page.home()}'/>"><fmt:message key="stepwise.mfa.failure.home"/></a></p>
</main>
</body>
</html>
