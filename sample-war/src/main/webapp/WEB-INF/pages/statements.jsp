<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <%@ include file="head.jspf" %>
  <title>Statements - Stepwise Bank</title>
</head>
<body>
<c:set var="nav" value="statements"/>
<%@ include file="header.jspf" %>
<main class="bank-main">
<h1>Statements of <c:out value="${user}"/></h1>
<section class="card" aria-labelledby="statement-title">
  <h2 id="statement-title">Current account</h2>
  <p class="muted">Statements need a second factor in every session: the bank's web.xml protects /statements/*
    without a line of code.</p>
  <table id="statement" class="stack">
    <thead><tr><th scope="col">Description</th><th scope="col" class="number">Amount (EUR)</th><th scope="col" class="number">Balance (EUR)</th></tr></thead>
    <tbody>
      <tr><td>Opening balance</td><td class="number"></td><td class="number" data-label="Balance"><c:out value="${opening}"/></td></tr>
      <c:forEach items="${statement}" var="line">
        <tr>
          <td>Transfer to <c:out value="${line.transfer().to()}"/></td>
          <td class="number debit" data-label="Amount">-<c:out value="${line.transfer().amount()}"/></td>
          <td class="number" data-label="Balance"><c:out value="${line.balance()}"/></td>
        </tr>
      </c:forEach>
    </tbody>
  </table>
</section>
</main>
</body>
</html>
