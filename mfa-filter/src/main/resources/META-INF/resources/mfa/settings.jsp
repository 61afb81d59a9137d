<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<fmt:setBundle basename="dev.stepwise.mfa.web.messages"/>
<!DOCTYPE html>
<html lang="<c:out value='${requestScope.stepwise_lang}'/>">
<head>
  <%@ include file="head.jspf" %>
  <title><fmt:message key="stepwise.mfa.settings.title"/></title>
</head>
<body>
<main>
  <h1><fmt:message key="stepwise.mfa.settings.title"/></h1>
  <c:if test="${not empty page.done()}">
    <p role="status" id="stepwise-done"><fmt:message key="${page.done()}"/></p>
  </c:if>
  <ul id="stepwise-factors">
    <c:forEach items="${page.factors()}" var="f">
      <li id="stepwise-factor-<c:out value='${f.id()}'/>">
        <strong><c:out value="${f.name()}"/></strong>:
        <c:choose>
          <c:when test="${f.enrolled()}">
            <fmt:message key="stepwise.mfa.settings.on"/>
            <c:if test="${not empty f.codesLeft()}">
              (<span id="stepwise-recovery-left"><fmt:message key="stepwise.mfa.settings.recovery.left"><fmt:param value="${fn:escapeXml(f.codesLeft())}"/></fmt:message></span>)
            </c:if>
            <form method="post" action="<c:out value='${page.links().settings()}'/>" class="stepwise-inline">
              <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
              <input type="hidden" name="action" value="remove">
              <input type="hidden" name="factor" value="<c:out value='${f.id()}'/>">
              <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.settings.remove"/></button>
            </form>
            <c:if test="${not empty f.setupUrl() and not empty f.setupId()}">
              <a href="<c:out value='${f.setupUrl()}'/>" id="stepwise-add-another-key"><fmt:message key="stepwise.mfa.keys.add"/></a>
            </c:if>
          </c:when>
          <c:otherwise>
            <fmt:message key="stepwise.mfa.settings.off"/>
            <c:if test="${not empty f.setupUrl()}">
              <a href="<c:out value='${f.setupUrl()}'/>"<c:if test="${not empty f.setupId()}"> id="<c:out value='${f.setupId()}'/>"</c:if>><fmt:message key="stepwise.mfa.settings.setup"/></a>
            </c:if>
          </c:otherwise>
        </c:choose>
      </li>
    </c:forEach>
  </ul>
  <c:if test="${not empty page.error()}">
    <p class="error" role="alert" id="stepwise-error"><fmt:message key="${page.error()}"/></p>
  </c:if>
  <c:if test="${not empty page.keys()}">
    <h2><fmt:message key="stepwise.mfa.keys.title"/></h2>
    <c:if test="${page.backupSuggested()}">
      <p id="stepwise-backup-key"><fmt:message key="stepwise.mfa.keys.backup"/></p>
    </c:if>
    <ul id="stepwise-keys">
      <c:forEach items="${page.keys()}" var="k" varStatus="s">
        <li class="stepwise-key">
          <strong class="stepwise-key-name"><c:out value="${k.name()}"/></strong>
          (<fmt:message key="stepwise.mfa.keys.kind.${k.kind()}"/>) &middot;
          <fmt:message key="stepwise.mfa.keys.added"/> <fmt:formatDate value="${k.added()}" type="both" dateStyle="medium" timeStyle="short"/> &middot;
          <c:choose>
            <c:when test="${k.lastUsed() != null}"><fmt:message key="stepwise.mfa.keys.lastUsed"/> <fmt:formatDate value="${k.lastUsed()}" type="both" dateStyle="medium" timeStyle="short"/></c:when>
            <c:otherwise><fmt:message key="stepwise.mfa.keys.neverUsed"/></c:otherwise>
          </c:choose>
          <form method="post" action="<c:out value='${page.links().settings()}'/>" class="stepwise-key-rename">
            <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
            <input type="hidden" name="action" value="rename-key">
            <input type="hidden" name="key" value="<c:out value='${k.id()}'/>">
            <label for="stepwise-key-name-<c:out value='${s.index}'/>"><fmt:message key="stepwise.mfa.keys.name"/></label>
            <input type="text" id="stepwise-key-name-<c:out value='${s.index}'/>" name="name" maxlength="64" required value="<c:out value='${k.name()}'/>">
            <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.keys.rename"/></button>
          </form>
          <form method="post" action="<c:out value='${page.links().settings()}'/>" class="stepwise-key-remove stepwise-inline">
            <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
            <input type="hidden" name="action" value="remove-key">
            <input type="hidden" name="key" value="<c:out value='${k.id()}'/>">
            <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.keys.remove"/></button>
          </form>
        </li>
      </c:forEach>
    </ul>
  </c:if>
  <c:if test="${page.recoveryOffered()}">
    <form method="post" action="<c:out value='${page.links().settings()}'/>" id="stepwise-recovery-generate">
      <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
      <input type="hidden" name="action" value="recovery">
      <button type="submit"><fmt:message key="stepwise.mfa.settings.recovery.generate"/></button>
    </form>
  </c:if>
  <form method="post" action="<c:out value='${page.links().settings()}'/>" id="stepwise-preferences">
    <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
    <input type="hidden" name="action" value="preferences">
    <p>
      <input type="checkbox" id="stepwise-always-ask" name="alwaysAsk" value="on" <c:if test="${page.alwaysAsk()}">checked</c:if>>
      <label for="stepwise-always-ask"><fmt:message key="stepwise.mfa.settings.always"/></label>
      <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.settings.always.save"/></button>
    </p>
  </form>
  <c:if test="${page.devices() != null}">
    <h2><fmt:message key="stepwise.mfa.devices.title"/></h2>
    <c:choose>
      <c:when test="${empty page.devices()}"><p id="stepwise-no-devices"><fmt:message key="stepwise.mfa.devices.none"/></p></c:when>
      <c:otherwise>
        <ul id="stepwise-devices">
          <c:forEach items="${page.devices()}" var="d">
            <li>
              <c:out value="${empty d.browser() ? '?' : d.browser()}"/> &middot;
              <fmt:message key="stepwise.mfa.devices.created"/> <fmt:formatDate value="${d.created()}" type="both" dateStyle="medium" timeStyle="short"/> &middot;
              <fmt:message key="stepwise.mfa.devices.lastSeen"/> <fmt:formatDate value="${d.lastSeen()}" type="both" dateStyle="medium" timeStyle="short"/>
              <form method="post" action="<c:out value='${page.links().settings()}'/>" class="stepwise-inline">
                <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
                <input type="hidden" name="action" value="revoke-device">
                <input type="hidden" name="device" value="<c:out value='${d.id()}'/>">
                <button type="submit" class="secondary"><fmt:message key="stepwise.mfa.devices.revoke"/></button>
              </form>
            </li>
          </c:forEach>
        </ul>
        <form method="post" action="<c:out value='${page.links().settings()}'/>" id="stepwise-revoke-all">
          <input type="hidden" name="stepwise_csrf" value="<c:out value='${page.links().csrf()}'/>">
          <input type="hidden" name="action" value="revoke-all-devices">
          <button type="submit"><fmt:message key="stepwise.mfa.devices.revokeAll"/></button>
        </form>
      </c:otherwise>
    </c:choose>
  </c:if>
  <p><a href="<c:out value='${pageContext.request.contextPath}/'/>"><fmt:message key="stepwise.mfa.settings.back"/></a></p>
</main>
</body>
</html>
