<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<%-- The push factor's number prompt (stepwise.mfa.push.prompt=number, docs/push.md): "Send notification" (a POST)
     pushes a link to the approval page; this page shows the number to choose there, only to the session that
     asked. "Continue" is a plain form POST: it signs in once the device approved. push-poll.js (optional: the page
     works without it) asks {path}/push/status every two seconds and presses "Continue" once the device approved. --%>
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
  <c:set var="state" value="${page.view().stepwise_approvalState}"/>
  <c:if test="${not empty page.view().stepwise_deliveryError}">
    <p class="error" role="alert" id="stepwise-delivery-error"><fmt:message key="${page.view().stepwise_deliveryError}"/></p>
  </c:if>
  <c:if test="${not empty page.view().stepwise_approvalNotice}">
    <p id="stepwise-notice"><fmt:message key="${page.view().stepwise_approvalNotice}"/></p>
  </c:if>
  <c:if test="${state eq 'denied'}"><p class="error" role="alert" id="stepwise-approval-denied"><fmt:message key="stepwise.mfa.push.number.denied"/></p></c:if>
  <c:if test="${state eq 'expired'}"><p class="error" role="alert" id="stepwise-approval-expired"><fmt:message key="stepwise.mfa.push.number.expired"/></p></c:if>
  <c:if test="${state eq 'pending' or state eq 'approved'}">
    <p id="stepwise-approval-sent"><fmt:message key="stepwise.mfa.push.number.sent"><fmt:param value="${fn:escapeXml(page.view().stepwise_destination)}"/></fmt:message></p>
    <p class="stepwise-approval-number" id="stepwise-approval-number"><c:out value="${page.view().stepwise_approvalNumber}"/></p>
    <p><fmt:message key="stepwise.mfa.push.number.choose"/></p>
    <fmt:message key="stepwise.mfa.push.number.denied" var="pollDenied"/>
    <fmt:message key="stepwise.mfa.push.number.expired" var="pollExpired"/>
    <p id="stepwise-approval-status" role="status" data-stepwise-poll="<c:out value='${page.view().stepwise_approvalPoll}'/>"
       data-denied="<c:out value='${pollDenied}'/>" data-expired="<c:out value='${pollExpired}'/>"></p>
    <form method="post" action="<c:out value='${page.links().action()}'/>" id="stepwise-challenge">
      <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
      <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
      <c:if test="${not empty page.challengeId()}"><input type="hidden" name="stepwise_challenge" value="<c:out value='${page.challengeId()}'/>"></c:if>
      <c:if test="${not empty page.trustDays()}">
        <p>
          <input type="checkbox" id="stepwise-trust" name="trust" value="on">
          <label for="stepwise-trust">
            <fmt:message key="stepwise.mfa.challenge.trust"><fmt:param value="${fn:escapeXml(page.trustDays())}"/></fmt:message>
          </label>
        </p>
      </c:if>
      <button type="submit"><fmt:message key="stepwise.mfa.push.number.continue"/></button>
    </form>
    <p><fmt:message key="stepwise.mfa.push.number.fallback"/></p>
  </c:if>
  <form method="post" action="<c:out value='${page.links().action()}'/>" id="<c:out value="${empty state ? 'stepwise-send' : 'stepwise-resend'}"/>">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="factor" value="<c:out value='${page.factor()}'/>">
    <c:choose>
      <c:when test="${empty state}">
        <input type="hidden" name="action" value="send">
        <button type="submit"><fmt:message key="stepwise.mfa.push.number.send"/></button>
      </c:when>
      <c:otherwise>
        <input type="hidden" name="action" value="resend">
        <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.push.number.resend"/></button>
      </c:otherwise>
    </c:choose>
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
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/push-poll.js"></script>
</body>
</html>
