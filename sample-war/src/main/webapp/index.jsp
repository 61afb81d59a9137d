<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Stepwise Bank</title></head>
<body>
<h1>Stepwise Bank</h1>
<p>A sample application protected by Stepwise MFA.</p>
<p><a href="account">Go to your account</a></p>
</body>
</html>
