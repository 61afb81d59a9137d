<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.push.devices.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.push.devices.title"/></h1>
  <c:if test="${not empty page.error()}">
    <p class="error" role="alert" id="stepwise-error"><fmt:message key="${page.error()}"/></p>
  </c:if>
  <c:if test="${not empty page.notice()}">
    <p role="status" id="stepwise-notice"><fmt:message key="${page.notice()}"/></p>
  </c:if>
  <p><fmt:message key="stepwise.mfa.push.devices.intro"/></p>
  <c:if test="${not empty page.devices()}">
    <ul id="stepwise-push-devices">
      <c:forEach items="${page.devices()}" var="d">
        <li><c:out value="${d.label()}"/>
          <form method="post" action="<c:out value='${page.links().settings()}'/>/push" class="inline">
            <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
            <input type="hidden" name="action" value="remove">
            <input type="hidden" name="device" value="<c:out value='${d.id()}'/>">
            <button type="submit"><fmt:message key="stepwise.mfa.push.devices.remove"/></button>
          </form>
        </li>
      </c:forEach>
    </ul>
  </c:if>
  <c:if test="${not empty page.applicationServerKey()}">
    <form method="post" action="<c:out value='${page.links().settings()}'/>/push" id="stepwise-push-register"
          data-stepwise-push="<c:out value='${page.applicationServerKey()}'/>"
          data-worker="<c:out value='${pageContext.request.contextPath}'/>/mfa/push-sw.js">
      <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
      <input type="hidden" name="action" value="register">
      <input type="hidden" name="endpoint" value="">
      <input type="hidden" name="p256dh" value="">
      <input type="hidden" name="auth" value="">
      <label for="stepwise-device-name"><fmt:message key="stepwise.mfa.push.devices.name"/></label>
      <input id="stepwise-device-name" name="name" type="text" maxlength="40" required autocomplete="off">
      <button type="submit"><fmt:message key="stepwise.mfa.push.devices.add"/></button>
      <fmt:message key="stepwise.mfa.push.devices.unsupported" var="unsupported"/>
      <fmt:message key="stepwise.mfa.push.devices.denied" var="denied"/>
      <fmt:message key="stepwise.mfa.push.devices.failed" var="failed"/>
      <p data-stepwise-status role="status"
         data-unsupported="<c:out value='${unsupported}'/>" data-denied="<c:out value='${denied}'/>"
         data-failed="<c:out value='${failed}'/>"></p>
    </form>
  </c:if>
  <p><a href="<c:out value='${page.links().settings()}'/>"><fmt:message key="stepwise.mfa.settings.title"/></a></p>
</main>
<script src="<c:out value='${pageContext.request.contextPath}'/>/mfa/push.js"></script>
</body>
</html>
