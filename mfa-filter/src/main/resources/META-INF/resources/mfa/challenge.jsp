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
  <c:if test="${not empty page.view().stepwise_destination}">
    <fmt:bundle basename="dev.stepwise.mfa.factor.otp.messages">
      <c:if test="${not empty page.view().stepwise_notice}">
        <p id="stepwise-notice"><fmt:message key="${page.view().stepwise_notice}"><fmt:param value="${fn:escapeXml(page.view().stepwise_destination)}"/><fmt:param value="${fn:escapeXml(page.view().stepwise_resendIn)}"/></fmt:message></p>
      </c:if>
      <c:if test="${not empty page.view().stepwise_deliveryError}">
        <p class="error" role="alert" id="stepwise-delivery-error"><fmt:message key="${page.view().stepwise_deliveryError}"/></p>
      </c:if>
      <c:if test="${page.view().stepwise_weaker}"><p class="target"><fmt:message key="stepwise.mfa.code.weaker"/></p></c:if>
    </fmt:bundle>
  </c:if>
  <%-- A code is asked for only when one is out: email/SMS send one when the user presses "Send code" (a POST), never
       when the page is opened. --%>
  <c:if test="${empty page.view().stepwise_destination or page.view().stepwise_codePending}">
  <form method="post" action="<c:out value='${page.links().action()}'/>" id="stepwise-challenge" autocomplete="off">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
    <c:if test="${not empty page.challengeId()}"><input type="hidden" name="stepwise_challenge" value="<c:out value='${page.challengeId()}'/>"></c:if>
    <label for="stepwise-code">
      <c:choose>
        <c:when test="${not empty page.label()}"><c:out value="${page.label()}"/></c:when>
        <c:otherwise>
          <fmt:message key="stepwise.mfa.challenge.code">
            <fmt:param value="${fn:escapeXml(page.factorNames()[page.factor()])}"/>
          </fmt:message>
        </c:otherwise>
      </c:choose>
    </label>
    <input id="stepwise-code" name="code" type="text" required autofocus maxlength="64"
           autocomplete="one-time-code"
           inputmode="<c:out value='${page.inputmode()}'/>"
           spellcheck="false" autocapitalize="off"<c:if test="${not empty page.error()}"> aria-invalid="true" aria-describedby="stepwise-error"</c:if>>
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
  </c:if>
  <c:if test="${not empty page.view().stepwise_destination}">
    <fmt:bundle basename="dev.stepwise.mfa.factor.otp.messages">
      <form method="post" action="<c:out value='${page.links().action()}'/>" id="<c:out value="${page.view().stepwise_codePending ? 'stepwise-resend' : 'stepwise-send'}"/>">
        <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
        <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
        <c:choose>
          <c:when test="${page.view().stepwise_codePending}">
            <input type="hidden" name="action" value="resend">
            <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.code.resend"/></button>
          </c:when>
          <c:otherwise>
            <input type="hidden" name="action" value="send">
            <button type="submit"><fmt:message key="stepwise.mfa.code.send"/></button>
          </c:otherwise>
        </c:choose>
        <c:if test="${page.view().stepwise_voiceAvailable}">
          <button type="submit" class="secondary" name="channel" value="voice"><fmt:message key="stepwise.mfa.code.voice"/></button>
        </c:if>
      </form>
    </fmt:bundle>
  </c:if>
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
