<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Your account - Stepwise Bank</title></head>
<body>
<h1>Welcome, <span id="user"><c:out value="${user}"/></span></h1>
<p>Balance: <span id="balance"><c:out value="${balance}"/></span></p>
<p>Email: <span id="email"><c:out value="${email}"/></span></p>
<p>Phone: <span id="phone"><c:out value="${empty phone ? 'none' : phone}"/></span></p>
<h2>Transfers</h2>
<ul id="transfers">
  <c:forEach items="${transfers}" var="t"><li><c:out value="${t.amount()}"/> to <c:out value="${t.to()}"/></li></c:forEach>
</ul>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/api/transfers" id="transfer">
  <%@ include file="csrf-field.jspf" %>
  <label for="to">To</label> <input id="to" name="to" required>
  <label for="amount">Amount</label> <input id="amount" name="amount" inputmode="decimal" required>
  <button type="submit">Send money</button>
  <output id="transfer-result" role="status"></output>
</form>
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
  <p id="step-up-error" role="alert"></p>
  <p id="step-up-other" hidden><a id="step-up-other-link" href="">Use another method</a></p>
  <button type="button" id="step-up-cancel">Cancel</button>
</dialog>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/email" id="email-form">
  <%@ include file="csrf-field.jspf" %>
  <label for="new-email">New email</label> <input id="new-email" name="email" type="email" required>
  <button type="submit">Change email</button>
</form>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/account/phone" id="phone-form">
  <%@ include file="csrf-field.jspf" %>
  <label for="new-phone">New mobile number</label> <input id="new-phone" name="phone" type="tel" placeholder="+4915112345678" required>
  <button type="submit">Change phone</button>
</form>
<p><a href="<c:out value='${pageContext.request.contextPath}'/>/account/password">Change password</a></p>
<p><a href="<c:out value='${pageContext.request.contextPath}'/>/mfa/settings" id="mfa-settings">Sign-in methods (two-factor authentication)</a></p>
<c:if test="${admin}"><p><a href="<c:out value='${pageContext.request.contextPath}'/>/admin">Administration</a></p></c:if>
<form method="post" action="<c:out value='${pageContext.request.contextPath}'/>/logout" id="logout">
  <%@ include file="csrf-field.jspf" %>
  <button type="submit">Sign out</button>
</form>
<script src="<c:out value='${pageContext.request.contextPath}'/>/js/transfer.js"></script>
</body>
</html>
