<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.enroll.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.enroll.title"/></h1>
  <p><fmt:message key="stepwise.mfa.enroll.text"/></p>
  <ul>
    <c:forEach items="${page.factorNames()}" var="f">
      <li><c:out value="${f.value}"/></li>
    </c:forEach>
  </ul>
  <p><a href="<c:out value='${page.links().settings()}'/>" id="stepwise-setup"><fmt:message key="stepwise.mfa.enroll.setup"/></a></p>
  <form method="post" action="<c:out value='${page.links().logout()}'/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.signout"/></button>
  </form>
</main>
</body>
</html>
