<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.resubmit.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.resubmit.title"/></h1>
  <p id="stepwise-resubmit"><fmt:message key="stepwise.mfa.resubmit.text"/></p>
  <p><a href="<c:out value='${page.target()}'/>"><fmt:message key="stepwise.mfa.resubmit.continue"/></a></p>
</main>
</body>
</html>
