<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.questions.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.questions.title"/></h1>
  <p class="target" id="stepwise-questions-weakest"><strong><fmt:message key="stepwise.mfa.questions.weakest"/></strong></p>
  <p><fmt:message key="stepwise.mfa.questions.advice"/></p>
  <c:if test="${not empty page.error()}">
    <p class="error" role="alert" id="stepwise-error"><fmt:message key="${page.error()}"/></p>
  </c:if>
  <c:if test="${page.rows() == 0}">
    <p><a id="stepwise-add-factor" href="<c:out value='${page.links().settings()}'/>"><fmt:message key="stepwise.mfa.questions.add-factor"/></a></p>
  </c:if>
  <c:if test="${page.rows() > 0}">
  <form method="post" action="<c:out value='${page.action()}'/>" id="stepwise-questions" autocomplete="off">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <p><fmt:message key="stepwise.mfa.questions.howmany"><fmt:param value="${fn:escapeXml(page.min())}"/></fmt:message></p>
    <c:forEach items="${page.rowQuestions()}" var="q" varStatus="s">
      <fieldset>
        <label for="stepwise-q<c:out value='${s.count}'/>"><fmt:message key="stepwise.mfa.questions.question"/></label>
        <input id="stepwise-q<c:out value='${s.count}'/>" name="q<c:out value='${s.count}'/>" type="text" maxlength="200" value="<c:out value='${q}'/>">
        <label for="stepwise-answer<c:out value='${s.count}'/>"><fmt:message key="stepwise.mfa.questions.answer.label"/></label>
        <input id="stepwise-answer<c:out value='${s.count}'/>" name="answer<c:out value='${s.count}'/>" type="password" maxlength="100" autocomplete="new-password">
      </fieldset>
    </c:forEach>
    <button type="submit"><fmt:message key="stepwise.mfa.questions.save"/></button>
  </form>
  </c:if>
  <p><a href="<c:out value='${page.links().settings()}'/>"><fmt:message key="stepwise.mfa.settings.title"/></a></p>
</main>
</body>
</html>
