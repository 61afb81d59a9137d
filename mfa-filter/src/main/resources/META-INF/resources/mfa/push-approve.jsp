<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<%-- The push factor's approval page (docs/push.md): opened from the notification on a registered device. The token
     is in the URL's fragment, which the browser never sends; push-approve.js reads it, clears it, and asks for the
     three numbers. No session: the token is the proof. --%>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.push.approve.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.push.approve.title"/></h1>
  <fmt:message key="stepwise.mfa.push.approve.choose" var="choose"/>
  <fmt:message key="stepwise.mfa.push.approve.not-me" var="notMe"/>
  <fmt:message key="stepwise.mfa.push.approve.approved" var="approved"/>
  <fmt:message key="stepwise.mfa.push.approve.denied" var="denied"/>
  <fmt:message key="stepwise.mfa.push.approve.gone" var="gone"/>
  <fmt:message key="stepwise.mfa.push.approve.failed" var="failed"/>
  <fmt:message key="stepwise.mfa.push.approve.no-token" var="noToken"/>
  <div id="stepwise-approve" data-endpoint="<c:out value='${page.endpoint()}'/>"
       data-choose="<c:out value='${choose}'/>" data-not-me="<c:out value='${notMe}'/>"
       data-approved="<c:out value='${approved}'/>" data-denied="<c:out value='${denied}'/>"
       data-gone="<c:out value='${gone}'/>" data-failed="<c:out value='${failed}'/>"
       data-no-token="<c:out value='${noToken}'/>">
    <p id="stepwise-approve-app"></p>
    <p data-stepwise-status role="status"></p>
    <div id="stepwise-approve-choices"></div>
  </div>
  <noscript><p><fmt:message key="stepwise.mfa.push.approve.script"/></p></noscript>
</main>
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/push-approve.js"></script>
</body>
</html>
