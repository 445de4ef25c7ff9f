<?php
// A misbehaving tt-rss for tests/e2e/sync-ttrss.sh, run by `php -S` as its
// router.  The first path segment picks the fault:
//   /html/api/     an HTML page (a web server's login page, not the API)
//   /stall/api/    nothing for 30 s (tidings' download-timeout is shorter)
//   /revoked/api/  login works; every other call answers NOT_LOGGED_IN
//                  (a session the server keeps ending)
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$req = json_decode(file_get_contents('php://input'), true);
if (strpos($path, '/html/') === 0) {
	header('Content-Type: text/html');
	echo "<!DOCTYPE html><html><head><title>Sign in</title></head>" .
	    "<body><form>login</form></body></html>\n";
} elseif (strpos($path, '/stall/') === 0) {
	sleep(30);
} elseif (strpos($path, '/revoked/') === 0) {
	header('Content-Type: application/json');
	if (($req['op'] ?? '') === 'login')
		echo json_encode(['seq' => 0, 'status' => 0,
		    'content' => ['session_id' => 'fake', 'api_level' => 15]]);
	else
		echo json_encode(['seq' => 0, 'status' => 1,
		    'content' => ['error' => 'NOT_LOGGED_IN']]);
} else {
	http_response_code(404);
	echo "no such fault\n";
}
