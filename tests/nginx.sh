#!/bin/sh
# Start a private nginx on 127.0.0.1 and [::1] for the network benchmark
# tests:  tests/nginx.sh start DIR  prints the port;  tests/nginx.sh stop DIR.
# It serves DIR/www/big.bin (64 MiB) at /big.bin, accepts POST bodies at
# /upload, stalls forever at /stall (a hostile server) and answers 404 elsewhere.
set -eu
cmd=$1 dir=$2
nginx=$(command -v nginx || echo /usr/sbin/nginx)

case "$cmd" in
start)
	mkdir -p "$dir/www" "$dir/tmp" "$dir/logs"
	[ -f "$dir/www/big.bin" ] || head -c 67108864 /dev/zero > "$dir/www/big.bin"
	# a free port: the kernel picks one for a throwaway listener
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	       echo $((20000 + $$ % 20000)))
	cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
daemon on;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $dir/tmp;
	proxy_temp_path $dir/tmp;
	fastcgi_temp_path $dir/tmp;
	uwsgi_temp_path $dir/tmp;
	scgi_temp_path $dir/tmp;
	sendfile on;
	server {
		listen 127.0.0.1:$port;
		listen [::1]:$port;
		root $dir/www;
		client_max_body_size 0;
		# /upload reads the whole body (proxy request buffering, in memory)
		# before it answers, as an upload server does
		location = /upload {
			client_body_buffer_size 32m;
			proxy_pass http://127.0.0.1:$port/uploaded;
		}
		location = /uploaded { return 200 "ok\n"; }
		location = /stall { limit_rate 1; return 200 "........................................"; }
	}
}
CONF
	"$nginx" -c "$dir/nginx.conf" -p "$dir" -e "$dir/logs/error.log" >/dev/null 2>&1
	echo "$port"
	;;
stop)
	[ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
	;;
esac
