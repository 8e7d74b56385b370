//! `portolan serve` over real HTTP: pages, live reload, the error overlay, refused paths.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Atlas;

/// A running `portolan serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(atlas: &Atlas) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portolan"))
            .args(["--root"])
            .arg(atlas.path())
            .args(["serve", "--port", "0"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("serve exited before listening")
                .unwrap();
            if let Some(rest) = line.split_once("http://127.0.0.1:").map(|(_, r)| r) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { child, port }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    /// Status code and body of a GET.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Opens the event stream; yields event names (and data) as they arrive.
    fn events(&self) -> impl Iterator<Item = (String, String)> {
        let mut stream = self.connect();
        write!(stream, "GET /__portolan/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut lines = BufReader::new(stream).lines().map_while(Result::ok);
        std::iter::from_fn(move || {
            let (mut name, mut data) = (None, String::new());
            for line in lines.by_ref() {
                if let Some(event) = line.strip_prefix("event:") {
                    name = Some(event.trim().to_string());
                } else if let Some(more) = line.strip_prefix("data:") {
                    data.push_str(more.strip_prefix(' ').unwrap_or(more));
                } else if line.is_empty() && name.is_some() {
                    return name.take().map(|n| (n, std::mem::take(&mut data)));
                }
            }
            None
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn next_event(events: &mut impl Iterator<Item = (String, String)>) -> (String, String) {
    events.next().expect("the event stream ended")
}

#[test]
fn serves_pages_with_the_reload_script_and_keeps_disk_files_clean() {
    let atlas = Atlas::base();
    let server = Server::start(&atlas);
    let (status, body) = server.get("/countries/laos/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Laos</h1>"), "{body}");
    assert!(
        body.contains("__portolan/live.js"),
        "the served page has no reload script"
    );
    let (status, _) = server.get("/__portolan/live.js");
    assert_eq!(status, 200);
    // The files on disk are what `build` writes: no reload script.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !atlas
        .path()
        .join("public/countries/laos/index.html")
        .exists()
    {
        assert!(Instant::now() < deadline, "serve wrote nothing to disk");
        std::thread::sleep(Duration::from_millis(50));
    }
    let served_to_disk = atlas.snapshot("public");
    let rebuilt = Atlas::base();
    assert_eq!(rebuilt.build().code, 0);
    assert_eq!(
        served_to_disk,
        rebuilt.snapshot("public"),
        "serve's files differ from build's"
    );
}

#[test]
fn reloads_after_a_change_shows_errors_and_clears_them_after_the_fix() {
    let atlas = Atlas::base();
    let server = Server::start(&atlas);
    let mut events = server.events();
    assert_eq!(next_event(&mut events).0, "ok");

    let laos = atlas.read("content/countries/laos.md");
    atlas.write(
        "content/countries/laos.md",
        &laos.replace("title = \"Laos\"", "title = \"Lao PDR\""),
    );
    assert_eq!(next_event(&mut events).0, "reload");
    assert!(
        server
            .get("/countries/laos/")
            .1
            .contains("<h1>Lao PDR</h1>")
    );

    atlas.write(
        "content/countries/laos.md",
        &laos.replace("iso_code", "iso_cod"),
    );
    let (name, data) = next_event(&mut events);
    assert_eq!(name, "errors");
    let errors: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(errors[0]["file"], "content/countries/laos.md");
    assert_eq!(errors[0]["suggestion"], "did you mean `iso_code`?");
    // The last good site stays served.
    assert!(
        server
            .get("/countries/laos/")
            .1
            .contains("<h1>Lao PDR</h1>")
    );
    // A page opened now learns about the errors at once.
    assert_eq!(next_event(&mut server.events()).0, "errors");

    atlas.write("content/countries/laos.md", &laos);
    assert_eq!(next_event(&mut events).0, "reload");
    assert_eq!(next_event(&mut server.events()).0, "ok");
    assert!(server.get("/countries/laos/").1.contains("<h1>Laos</h1>"));
}

#[test]
fn refuses_paths_outside_the_site() {
    let atlas = Atlas::base();
    atlas.write("secret.txt", "not for the web");
    let server = Server::start(&atlas);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/countries/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/book.toml",
    ] {
        let (status, body) = server.get(path);
        assert_ne!(status, 200, "{path} was served");
        assert!(!body.contains("not for the web"), "{path} leaked a file");
    }
    assert_eq!(server.get("/no/such/page/").0, 404);
    assert_eq!(server.get("/countries").0, 301);
}

#[test]
fn survives_a_thousand_concurrent_requests_and_clients_that_hang_up() {
    let atlas = Atlas::base();
    let server = Server::start(&atlas);
    // Clients that disconnect mid-response: ask for a page, read a few bytes, hang up.
    for _ in 0..50 {
        let mut stream = server.connect();
        write!(
            stream,
            "GET /data/atlas.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut first = [0u8; 16];
        let _ = stream.read(&mut first);
        drop(stream);
        // And some that send half a request.
        let mut half = server.connect();
        let _ = half.write_all(b"GET /countries/la");
    }
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(1000));
    let port = server.port;
    let handles: Vec<_> = (0..1000)
        .map(|i| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/countries/laos/"
                } else {
                    "/harbor.css"
                };
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                barrier.wait();
                write!(
                    stream,
                    "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut response = String::new();
                match stream.read_to_string(&mut response) {
                    Ok(_) => response.starts_with("HTTP/1.1 200"),
                    Err(e) => panic!("request {i} failed: {e}"),
                }
            })
        })
        .collect();
    let ok = handles
        .into_iter()
        .map(|h| h.join().unwrap_or(false))
        .filter(|ok| *ok)
        .count();
    assert_eq!(ok, 1000, "only {ok} of 1000 concurrent requests succeeded");
    assert_eq!(
        server.get("/countries/laos/").0,
        200,
        "the server did not survive"
    );
}

#[test]
fn never_serves_files_outside_the_build_even_through_symlinks() {
    let atlas = Atlas::base();
    atlas.write("secret.txt", "not for the web");
    let server = Server::start(&atlas);
    // A symlink planted in the output folder, pointing out of it.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !atlas.path().join("public/index.html").exists() {
        assert!(Instant::now() < deadline, "serve wrote nothing to disk");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::os::unix::fs::symlink(
        atlas.path().join("secret.txt"),
        atlas.path().join("public/leak.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc", atlas.path().join("public/etc")).unwrap();
    for path in ["/leak.txt", "/etc/passwd", "/etc/hostname"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path} was served");
        assert!(
            !body.contains("not for the web") && !body.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn binds_to_the_loopback_interface_only() {
    let atlas = Atlas::base();
    let server = Server::start(&atlas);
    // Every non-loopback address of this machine refuses the connection.
    let addresses = std::process::Command::new("hostname")
        .arg("-I")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for address in addresses
        .split_whitespace()
        .filter(|a| !a.starts_with("127.") && !a.contains(':'))
    {
        assert!(
            TcpStream::connect((address, server.port)).is_err(),
            "reachable on {address}"
        );
    }
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_ok());
    // The kernel's table of listening sockets says the same: 0100007F is 127.0.0.1.
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let port = format!(":{:04X}", server.port);
    let listening: Vec<&str> = table
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|local| local.ends_with(&port))
        .collect();
    assert!(!listening.is_empty(), "no socket on port {}", server.port);
    assert!(
        listening.iter().all(|local| local.starts_with("0100007F")),
        "{listening:?}"
    );
}
