<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${pageContext.request.locale.language}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.challenge.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.challenge.title"/></h1>
  <p id="stepwise-reason"><c:out value="${stepwise_reason}"/></p>
  <c:forEach items="${stepwise_risk}" var="risk">
    <p class="target stepwise-risk"><fmt:message key="${risk}"/></p>
  </c:forEach>
  <%@ include file="submission.jspf" %>
  <c:if test="${not empty stepwise_error}">
    <p class="error" role="alert" id="stepwise-error">
      <c:choose>
        <c:when test="${not empty stepwise_wait}"><fmt:message key="${stepwise_error}"><fmt:param value="${fn:escapeXml(stepwise_wait)}"/></fmt:message></c:when>
        <c:otherwise><fmt:message key="${stepwise_error}"/></c:otherwise>
      </c:choose>
    </p>
  </c:if>
  <c:if test="${not empty stepwise_destination}">
    <fmt:bundle basename="dev.stepwise.mfa.factor.otp.messages">
      <c:if test="${not empty stepwise_notice}">
        <p id="stepwise-notice"><fmt:message key="${stepwise_notice}"><fmt:param value="${fn:escapeXml(stepwise_destination)}"/><fmt:param value="${fn:escapeXml(stepwise_resendIn)}"/></fmt:message></p>
      </c:if>
      <c:if test="${not empty stepwise_deliveryError}">
        <p class="error" role="alert" id="stepwise-delivery-error"><fmt:message key="${stepwise_deliveryError}"/></p>
      </c:if>
      <c:if test="${stepwise_weaker}"><p class="target"><fmt:message key="stepwise.mfa.code.weaker"/></p></c:if>
    </fmt:bundle>
  </c:if>
  <%-- A code is asked for only when one is out: email/SMS send one when the user presses "Send code" (a POST), never
       when the page is opened. --%>
  <c:if test="${empty stepwise_destination or stepwise_codePending}">
  <form method="post" action="<c:out value='${stepwise_action}'/>" id="stepwise-challenge" autocomplete="off">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${stepwise_csrf}'/>">
    <input type="hidden" name="factor" value="<c:out value='${stepwise_factor}'/>">
    <c:if test="${not empty stepwise_challengeId}"><input type="hidden" name="stepwise_challenge" value="<c:out value='${stepwise_challengeId}'/>"></c:if>
    <label for="stepwise-code">
      <c:choose>
        <c:when test="${not empty stepwise_label}"><c:out value="${stepwise_label}"/></c:when>
        <c:otherwise>
          <fmt:message key="stepwise.mfa.challenge.code">
            <fmt:param value="${fn:escapeXml(stepwise_factorNames[stepwise_factor])}"/>
          </fmt:message>
        </c:otherwise>
      </c:choose>
    </label>
    <input id="stepwise-code" name="code" type="text" required autofocus maxlength="64"
           autocomplete="one-time-code"
           inputmode="<c:out value='${stepwise_inputmode}'/>"
           spellcheck="false" autocapitalize="off">
    <c:if test="${not empty stepwise_trustDays}">
      <p>
        <input type="checkbox" id="stepwise-trust" name="trust" value="on">
        <label for="stepwise-trust" style="display:inline;font-weight:normal">
          <fmt:message key="stepwise.mfa.challenge.trust"><fmt:param value="${fn:escapeXml(stepwise_trustDays)}"/></fmt:message>
        </label>
      </p>
    </c:if>
    <button type="submit"><fmt:message key="stepwise.mfa.challenge.verify"/></button>
  </form>
  </c:if>
  <c:if test="${not empty stepwise_destination}">
    <fmt:bundle basename="dev.stepwise.mfa.factor.otp.messages">
      <form method="post" action="<c:out value='${stepwise_action}'/>" id="<c:out value="${stepwise_codePending ? 'stepwise-resend' : 'stepwise-send'}"/>">
        <input type="hidden" name="stepwise_csrf" value="<c:out value='${stepwise_csrf}'/>">
        <input type="hidden" name="factor" value="<c:out value='${stepwise_factor}'/>">
        <c:choose>
          <c:when test="${stepwise_codePending}">
            <input type="hidden" name="action" value="resend">
            <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.code.resend"/></button>
          </c:when>
          <c:otherwise>
            <input type="hidden" name="action" value="send">
            <button type="submit"><fmt:message key="stepwise.mfa.code.send"/></button>
          </c:otherwise>
        </c:choose>
        <c:if test="${stepwise_voiceAvailable}">
          <button type="submit" class="secondary" name="channel" value="voice"><fmt:message key="stepwise.mfa.code.voice"/></button>
        </c:if>
      </form>
    </fmt:bundle>
  </c:if>
  <c:if test="${fn:length(stepwise_factors) > 1}">
    <p><fmt:message key="stepwise.mfa.challenge.other"/></p>
    <ul>
      <c:forEach items="${stepwise_factors}" var="f">
        <c:if test="${f ne stepwise_factor}">
          <c:url var="otherUrl" value="${stepwise_action}"><c:param name="factor" value="${f}"/></c:url>
          <li><a href="<c:out value='${otherUrl}'/>"><c:out value="${stepwise_factorNames[f]}"/></a></li>
        </c:if>
      </c:forEach>
    </ul>
  </c:if>
  <form method="post" action="<c:out value='${stepwise_logout}'/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${stepwise_csrf}'/>">
    <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.signout"/></button>
  </form>
</main>
</body>
</html>
