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
  <c:forEach items="${page.riskTexts()}" var="risk">
    <p class="target stepwise-risk"><c:out value="${risk}"/></p>
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
  <form method="post" action="<c:out value='${page.links().action()}'/>" id="stepwise-challenge"
        data-stepwise-webauthn="get" data-options="<c:out value='${page.view().stepwise_webauthn_options}'/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
    <c:if test="${not empty page.challengeId()}"><input type="hidden" name="stepwise_challenge" value="<c:out value='${page.challengeId()}'/>"></c:if>
    <input type="hidden" name="credential" value="">
    <p><fmt:message key="stepwise.mfa.webauthn.use"/></p>
    <c:if test="${not empty page.trustDays()}">
      <p>
        <input type="checkbox" id="stepwise-trust" name="trust" value="on">
        <label for="stepwise-trust">
          <fmt:message key="stepwise.mfa.challenge.trust"><fmt:param value="${fn:escapeXml(page.trustDays())}"/></fmt:message>
        </label>
      </p>
    </c:if>
    <button type="submit"><fmt:message key="stepwise.mfa.webauthn.button"/></button>
    <fmt:message key="stepwise.mfa.webauthn.unsupported" var="unsupported"/>
    <fmt:message key="stepwise.mfa.webauthn.failed" var="failed"/>
    <p data-stepwise-status role="status"
       data-unsupported="<c:out value='${unsupported}'/>" data-failed="<c:out value='${failed}'/>"></p>
  </form>
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
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/webauthn.js"></script>
</body>
</html>
