table denylist {
  "/wp-login.php": "1",
  "/xmlrpc.php": "1",
}
