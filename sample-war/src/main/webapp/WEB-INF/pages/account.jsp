<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="head.jspf" %>
  <title>Your account - Stepwise Bank</title>
</head>
<body>
<c:set var="nav" value="account"/>
<%@ include file="header.jspf" %>
<main class="bank-main">
<h1>Welcome, <span id="user"><c:out value="${user}"/></span></h1>
<div class="cards">
  <section class="card" aria-labelledby="balance-title">
    <h2 id="balance-title">Current account</h2>
    <p class="balance-label">Balance</p>
    <p class="balance">EUR <span id="balance"><c:out value="${balance}"/></span></p>
    <h3 class="muted">Transfers</h3>
    <ul id="transfers" class="plain"><c:forEach items="${transfers}" var="t"><li><c:out value="${t.amount()}"/> to <c:out value="${t.to()}"/></li></c:forEach></ul>
  </section>
  <section class="card" aria-labelledby="transfer-title">
    <h2 id="transfer-title">Transfer money</h2>
    <form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/api/transfers" id="transfer">
      <%@ include file="csrf-field.jspf" %>
      <div class="fields">
        <div><label for="to">To</label> <input id="to" name="to" autocomplete="off" required></div>
        <div><label for="amount">Amount</label> <input id="amount" name="amount" inputmode="decimal" required></div>
      </div>
      <button type="submit">Send money</button>
      <output id="transfer-result" class="result" role="status"></output>
    </form>
    <p class="muted">Moving money asks you to confirm it's you when your last confirmation is more than two
      minutes old.</p>
  </section>
</div>
<%-- The step-up for a transfer, opened by js/transfer.js when the bank answers 401 (without JavaScript the form
     posts and the library's challenge page asks instead). Hidden until then: a closed dialog shows nothing. --%>
<dialog id="step-up" aria-labelledby="step-up-title" aria-describedby="step-up-reason">
  <h2 id="step-up-title">Confirm it's you</h2>
  <p id="step-up-reason">Confirm it's you to send money.</p>
  <form id="step-up-totp" hidden>
    <label for="step-up-code">Code from your authenticator app</label>
    <input id="step-up-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required
           aria-describedby="step-up-error">
    <button type="submit" id="step-up-confirm">Confirm</button>
  </form>
  <div id="step-up-key" hidden>
    <p>Use your security key or passkey.</p>
    <button type="button" id="step-up-key-button">Use security key</button>
  </div>
  <p id="step-up-error" class="error" role="alert"></p>
  <p id="step-up-other" hidden><a id="step-up-other-link" href="">Use another method</a></p>
  <button type="button" id="step-up-cancel" class="secondary">Cancel</button>
</dialog>
<section class="card" aria-labelledby="details-title">
  <h2 id="details-title">Your details</h2>
  <dl class="details">
    <dt>Email</dt><dd id="email"><c:out value="${email}"/></dd>
    <dt>Phone</dt><dd id="phone"><c:out value="${empty phone ? 'none' : phone}"/></dd>
  </dl>
  <p class="muted">Changing your email address, phone number or password asks you to confirm it's you.</p>
  <div class="form-grid">
    <form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/email" id="email-form" class="inline-form">
      <%@ include file="csrf-field.jspf" %>
      <label for="new-email">New email</label> <input id="new-email" name="email" type="email" autocomplete="email" required>
      <button type="submit">Change email</button>
    </form>
    <form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/phone" id="phone-form" class="inline-form">
      <%@ include file="csrf-field.jspf" %>
      <label for="new-phone">New mobile number</label> <input id="new-phone" name="phone" type="tel" autocomplete="tel" placeholder="+4915112345678" required>
      <button type="submit">Change phone</button>
    </form>
  </div>
  <p><a href="<c:out value='${pageContext.request.contextPath}'/>/account/password">Change password</a></p>
  <p><a href="<c:out value='${pageContext.request.contextPath}'/>/mfa/settings" id="mfa-settings">Sign-in methods (two-factor authentication)</a></p>
  <c:if test="${push}"><p><a href="<c:out value='${pageContext.request.contextPath}'/>/mfa/settings/push" id="push-devices">Devices for push codes</a></p></c:if>
  <c:if test="${admin}"><p><a href="<c:out value='${pageContext.request.contextPath}'/>/admin">Administration</a></p></c:if>
</section>
</main>
<script src="<c:out value='${pageContext.request.contextPath}'/>/js/transfer.js"></script>
</body>
</html>
