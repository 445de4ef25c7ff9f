#!/usr/bin/env python3
"""Write a newsboat cache.db as newsboat 2.21 creates it (its src/cache.cpp
schema up to version 2.11, the one 2.21 uses), with the feeds and items
given as JSON on stdin:
  {"feeds": [{"rssurl", "url", "title"}],
   "items": [{"guid", "title", "feedurl", "pubDate", "content", "unread",
              "flags", "deleted", "url", "author"}]}
Usage: newsboat-cache.py CACHE.db < spec.json"""
import json
import sqlite3
import sys

SCHEMA = [
    "CREATE TABLE rss_feed ( rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, "
    " url VARCHAR(1024) NOT NULL, title VARCHAR(1024) NOT NULL ); ",
    "CREATE TABLE rss_item ( id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
    " guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL, "
    " author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, "
    " feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, "
    " content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL );",
    "CREATE TABLE google_replay ( id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
    " guid VARCHAR(64) NOT NULL, state INTEGER NOT NULL, ts INTEGER NOT NULL );",
    "ALTER TABLE rss_item ADD enclosure_url VARCHAR(1024);",
    "ALTER TABLE rss_item ADD enclosure_type VARCHAR(1024);",
    "ALTER TABLE rss_item ADD enqueued INTEGER(1) NOT NULL DEFAULT 0;",
    "ALTER TABLE rss_item ADD flags VARCHAR(52);",
    "CREATE INDEX IF NOT EXISTS idx_rssurl ON rss_feed(rssurl);",
    "CREATE INDEX IF NOT EXISTS idx_guid ON rss_item(guid);",
    "CREATE INDEX IF NOT EXISTS idx_feedurl ON rss_item(feedurl);",
    "ALTER TABLE rss_feed ADD lastmodified INTEGER(11) NOT NULL DEFAULT 0;",
    "CREATE INDEX IF NOT EXISTS idx_lastmodified ON rss_feed(lastmodified);",
    "ALTER TABLE rss_item ADD deleted INTEGER(1) NOT NULL DEFAULT 0;",
    "CREATE INDEX IF NOT EXISTS idx_deleted ON rss_item(deleted);",
    "ALTER TABLE rss_feed ADD is_rtl INTEGER(1) NOT NULL DEFAULT 0;",
    "ALTER TABLE rss_feed ADD etag VARCHAR(128) NOT NULL DEFAULT \"\";",
    "ALTER TABLE rss_item ADD base VARCHAR(128) NOT NULL DEFAULT \"\";",
    "CREATE TABLE metadata ( db_schema_version_major INTEGER NOT NULL, "
    " db_schema_version_minor INTEGER NOT NULL );",
    "INSERT INTO metadata VALUES ( 2, 11 );",
]

spec = json.load(sys.stdin)
con = sqlite3.connect(sys.argv[1])
for s in SCHEMA:
    con.execute(s)
for f in spec.get("feeds", []):
    con.execute("INSERT INTO rss_feed(rssurl, url, title) VALUES (?, ?, ?)",
                (f["rssurl"], f.get("url", ""), f.get("title", "")))
for i in spec.get("items", []):
    con.execute("INSERT INTO rss_item(guid, title, author, url, feedurl, pubDate, "
                "content, unread, flags, deleted) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i["guid"], i.get("title", ""), i.get("author", ""), i.get("url", ""),
                 i["feedurl"], i.get("pubDate", 0), i.get("content", ""),
                 i.get("unread", 1), i.get("flags"), i.get("deleted", 0)))
con.commit()
con.close()
