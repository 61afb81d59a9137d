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
