<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.recovery.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.recovery.title"/></h1>
  <c:if test="${not empty page.done()}">
    <p role="status" id="stepwise-done"><fmt:message key="${page.done()}"/></p>
  </c:if>
  <p><fmt:message key="stepwise.mfa.recovery.text"/></p>
  <ol id="stepwise-recovery-codes">
    <c:forEach items="${page.codes()}" var="code"><li><code><c:out value="${code}"/></code></li></c:forEach>
  </ol>
  <p><a href="<c:out value='${page.links().settings()}'/>"><fmt:message key="stepwise.mfa.recovery.saved"/></a></p>
</main>
</body>
</html>
