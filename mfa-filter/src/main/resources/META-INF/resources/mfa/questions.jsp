<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.challenge.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.challenge.title"/></h1>
  <p id="stepwise-reason"><c:out value="${page.reason()}"/></p>
  <c:forEach items="${page.risk()}" var="risk">
    <p class="target stepwise-risk"><fmt:message key="${risk}"/></p>
  </c:forEach>
  <%@ include file="submission.jspf" %>
  <c:if test="${not empty page.error()}">
    <p class="error" role="alert" id="stepwise-error">
      <c:choose>
        <c:when test="${not empty page.retryAfter()}"><fmt:message key="${page.error()}"><fmt:param value="${fn:escapeXml(page.retryAfter())}"/></fmt:message></c:when>
        <c:otherwise><fmt:message key="${page.error()}"/></c:otherwise>
      </c:choose>
    </p>
  </c:if>
  <c:choose>
  <c:when test="${fn:length(page.view().questions) == 2}">
  <form method="post" action="<c:out value='${page.links().action()}'/>" id="stepwise-challenge" autocomplete="off">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
    <c:if test="${not empty page.challengeId()}"><input type="hidden" name="stepwise_challenge" value="<c:out value='${page.challengeId()}'/>"></c:if>
    <p><fmt:message key="stepwise.mfa.questions.answer"/></p>
    <c:forEach items="${page.view().questions}" var="q" varStatus="s">
      <label for="stepwise-answer<c:out value='${s.count}'/>"><c:out value="${q}"/></label>
      <input id="stepwise-answer<c:out value='${s.count}'/>" name="answer<c:out value='${s.count}'/>" type="text" required maxlength="100"
             autocomplete="off" spellcheck="false" autocapitalize="off"<c:if test="${s.first}"> autofocus</c:if><c:if test="${not empty page.error()}"> aria-invalid="true" aria-describedby="stepwise-error"</c:if>>
    </c:forEach>
    <c:if test="${not empty page.trustDays()}">
      <p>
        <input type="checkbox" id="stepwise-trust" name="trust" value="on">
        <label for="stepwise-trust">
          <fmt:message key="stepwise.mfa.challenge.trust"><fmt:param value="${fn:escapeXml(page.trustDays())}"/></fmt:message>
        </label>
      </p>
    </c:if>
    <button type="submit"><fmt:message key="stepwise.mfa.challenge.verify"/></button>
  </form>
  </c:when>
  <c:otherwise><p class="error" role="alert" id="stepwise-unavailable"><fmt:message key="stepwise.mfa.error.unavailable"/></p></c:otherwise>
  </c:choose>
  <c:if test="${fn:length(page.factors()) > 1}">
    <p><fmt:message key="stepwise.mfa.challenge.other"/></p>
    <ul>
      <c:forEach items="${page.factors()}" var="f">
        <c:if test="${f ne page.factor()}">
          <%-- links().action() holds the context path already: context="/" keeps c:url from adding it again --%>
          <c:url var="otherUrl" context="/" value="${page.links().action()}"><c:param name="factor" value="${f}"/></c:url>
          <li><a href="<c:out value='${otherUrl}'/>"><c:out value="${page.factorNames()[f]}"/></a></li>
        </c:if>
      </c:forEach>
    </ul>
  </c:if>
  <form method="post" action="<c:out value='${page.links().logout()}'/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.signout"/></button>
  </form>
</main>
</body>
</html>
