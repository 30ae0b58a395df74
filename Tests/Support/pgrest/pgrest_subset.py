#!/usr/bin/env python3
"""A PostgREST-subset TEST DOUBLE for r2s's tests — not PostgREST, and not for production.

PostgREST cannot be installed on the machines r2s is tested on (no Debian or PyPI build), so
this small server imitates PostgREST's *documented* behaviour (docs.postgrest.org, "Tables and
Views", "Pagination and Count", "Preferences", "Errors") and Supabase's gateway for exactly what
r2s uses, over a real PostgreSQL (constraints, defaults, foreign keys and SQLSTATEs are real):

  routes        /rest/v1/<table>  (GET, HEAD, POST, PATCH, DELETE); GET /rest/v1/ = OpenAPI
                (definitions with each column's `format`, as PostgREST's OpenAPI output gives)
  auth          `apikey` header must equal the key, and an `Authorization: Bearer` header, when
                sent, must carry it too; otherwise 401 JSON like Supabase's gateway
  read          select=, filters eq/neq/gt/gte/lt/lte/like/ilike/match/imatch/is/in and `not.`, logic trees
                or=(...)/and=(...) with nesting and double-quoted values, order=, limit/offset
  max-rows      every response (reads and return=representation) is cut to MAX_ROWS rows with
                HTTP 200 and no error — silently, like Supabase's default 1,000
  count         Prefer: count=exact → Content-Range a-b/N (or */N when empty); 206 when partial.
                Rows and count come from one snapshot, as PostgREST computes both in one statement
  write         POST object or array, Prefer return=representation|minimal and missing=default;
                PATCH with filters; like Supabase (pg-safeupdate), PATCH/DELETE without a filter
                fail with 21000
  errors        {"code","message","details","hint"} with PostgreSQL SQLSTATEs or PGRST codes and
                PostgREST's HTTP statuses (23503/23505 → 409, 42501 → 403, PGRST205 → 404, …)

Test-only control (NOT PostgREST): POST /_subset/config {"table": T, "count_offset": N,
"max_rows": N, "rls_hidden": bool, "drop_every": N} makes the server lie about counts, cap one
table lower, hide a table's rows from the publishable key (KEY with its sb_secret_ prefix
replaced by sb_publishable_) as row-level security would (reads return [], writes touch 0 rows,
inserts 403), or silently drop every N-th row of each read's body (a proxy that cuts rows: the
Content-Range range then describes the rows sent, the total stays the server's count).
{"table": T, "fail_writes": N, "fail_when": "after"|"before", "fail_as": 503|0} fails the next N
writes (POST/PATCH/DELETE) to the table like a flaky gateway: "after" commits the write first and
then loses its answer, "before" fails without writing; 503 answers HTTP 503, 0 closes the socket
with no answer (a connection reset).

Usage: pgrest_subset.py PORT PG_URL KEY MAX_ROWS
"""

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import psycopg2
import psycopg2.errors  # noqa: F401  (diag fields)

OPS = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "like": "LIKE", "ilike": "ILIKE",
       # PostgREST's POSIX regex operators (PostgreSQL's ~ and ~*); unlike like/ilike, `*` stays as is.
       "match": "~", "imatch": "~*"}
RESERVED = {"select", "order", "limit", "offset", "on_conflict", "columns", "or", "and"}
STATUS_BY_CODE = {"23503": 409, "23505": 409, "42501": 403, "42P01": 404, "21000": 400, "25006": 405}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_value(v):
    """timestamptz as PostgREST sends it (ISO-8601 with T and offset), uuids as text."""
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


class ApiError(Exception):
    def __init__(self, status, code, message, details=None, hint=None):
        super().__init__(message)
        self.status, self.body = status, {"code": code, "message": message, "details": details, "hint": hint}


def split_top(text):
    """Splits on commas outside double quotes and parentheses."""
    parts, depth, quoted, cur, i = [], 0, False, "", 0
    while i < len(text):
        ch = text[i]
        if quoted:
            cur += ch
            if ch == "\\" and i + 1 < len(text):
                cur += text[i + 1]
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted, cur = True, cur + ch
        elif ch == "(":
            depth, cur = depth + 1, cur + ch
        elif ch == ")":
            depth, cur = depth - 1, cur + ch
        elif ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    return parts


def unquote_value(v):
    """PostgREST list/tree values: "…" with \\ escapes, else raw."""
    if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
        out, i, body = "", 0, v[1:-1]
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                i += 1
            out += body[i]
            i += 1
        return out
    return v


class Query:
    """Builds a WHERE clause (with psycopg2 parameters) from PostgREST filters."""

    def __init__(self, columns):
        self.columns, self.params = columns, []

    def column(self, name):
        if name not in self.columns:
            raise ApiError(400, "42703", f"column {name} does not exist")
        return '"%s"' % name

    def condition(self, col, expr, in_tree):
        negate = False
        if expr.startswith("not."):
            negate, expr = True, expr[4:]
        op, _, value = expr.partition(".")
        c = self.column(col)
        if in_tree and op != "in":
            value = unquote_value(value)
        if op in OPS:
            if op in ("like", "ilike"):
                value = value.replace("*", "%")
            self.params.append(value)
            sql = f"{c} {OPS[op]} %s"
        elif op == "is":
            word = {"null": "NULL", "not_null": "NOT NULL", "true": "TRUE", "false": "FALSE", "unknown": "UNKNOWN"}.get(value)
            if word is None:
                raise ApiError(400, "PGRST100", f'"failed to parse filter (is.{value})"')
            sql = f"{c} IS {word}"
        elif op == "in":
            if not (value.startswith("(") and value.endswith(")")):
                raise ApiError(400, "PGRST100", f'"failed to parse filter (in.{value})"')
            items = [unquote_value(x) for x in split_top(value[1:-1])] if value[1:-1] else []
            if not items:
                sql = "FALSE"
            else:
                self.params.extend(items)
                sql = f"{c} IN (" + ", ".join(["%s"] * len(items)) + ")"
        else:
            raise ApiError(400, "PGRST100", f'"failed to parse filter ({op}.{value})"', hint=None)
        return f"NOT ({sql})" if negate else sql

    def tree(self, kind, body, negate=False):
        if not (body.startswith("(") and body.endswith(")")):
            raise ApiError(400, "PGRST100", f'"failed to parse logic tree ({body})"')
        parts = []
        for item in split_top(body[1:-1]):
            neg = False
            if item.startswith("not."):
                neg, item = True, item[4:]
            m = re.match(r"^(and|or)(\(.*\))$", item, re.S)
            if m:
                parts.append(self.tree(m.group(1), m.group(2), neg))
            else:
                col, _, expr = item.partition(".")
                cond = self.condition(col, expr, True)
                parts.append(f"NOT ({cond})" if neg else cond)
        sql = "(" + f" {kind.upper()} ".join(parts) + ")" if parts else "TRUE"
        return f"NOT {sql}" if negate else sql

    def where(self, params):
        conds = []
        for key, value in params:
            if key in ("or", "and", "not.or", "not.and"):
                neg = key.startswith("not.")
                conds.append(self.tree(key[4:] if neg else key, value, neg))
            elif key not in RESERVED:
                conds.append(self.condition(key, value, False))
        return conds


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port, pg_url, key, max_rows):
        super().__init__(("127.0.0.1", port), Handler)
        self.pg_url, self.key, self.max_rows = pg_url, key, max_rows
        self.config, self.local, self.lock = {}, threading.local(), threading.Lock()

    def process_request_thread(self, request, client_address):
        # One thread per client connection, each with its own database connection (self.local).
        # Close it when the client goes: left to the garbage collector, some stayed open (idle
        # after COMMIT) and a long-lived server reached Postgres's max_connections after a few
        # full test runs ("too many clients" in suites that share the server).
        try:
            super().process_request_thread(request, client_address)
        finally:
            conn = getattr(self.local, "conn", None)
            self.local.conn = None
            if conn is not None:
                try:
                    conn.close()
                except Exception:
                    pass

    def db(self):
        conn = getattr(self.local, "conn", None)
        if conn is None or conn.closed:
            conn = psycopg2.connect(self.pg_url)
            self.local.conn = conn
        return conn


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pgrest-subset"

    def log_message(self, *args):
        pass

    # -- plumbing ---------------------------------------------------------------------------
    def send_json(self, status, payload, headers=()):
        if getattr(self, "swallow", False):
            return  # the write's answer is lost (fail_when "after")
        body = b"" if payload is None else json.dumps(payload, default=json_value).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def prefer(self):
        out = {}
        for item in self.headers.get_all("Prefer") or []:
            for part in item.split(","):
                k, _, v = part.strip().partition("=")
                out[k] = v
        return out

    def body_json(self):
        try:
            return json.loads(self.raw_body or b"null")
        except ValueError:
            raise ApiError(400, "PGRST102", "Empty or invalid json")

    def params(self):
        query = urlsplit(self.path).query
        out = []
        for pair in query.split("&") if query else []:
            k, _, v = pair.partition("=")
            out.append((unquote(k.replace("+", " ")), unquote(v.replace("+", " "))))
        return out

    def authorize(self):
        key = self.headers.get("apikey")
        if not key:
            raise ApiError(401, None, "No API key found in request", hint="No `apikey` request header or url param was found.")
        auth = self.headers.get("Authorization")
        # The configured key acts as the secret key (bypasses RLS); the same key with the
        # sb_publishable_ prefix acts as the publishable (anon) key, subject to rls_hidden.
        publishable = self.server.key.replace("sb_secret_", "sb_publishable_", 1)
        if key not in (self.server.key, publishable) or (auth is not None and auth != "Bearer " + key):
            raise ApiError(401, None, "Invalid API key", hint="Double check your Supabase `anon` or `service_role` API key.")
        self.role = "service" if key == self.server.key else "anon"

    def table_columns(self, cur, table):
        if not IDENT.match(table):
            raise ApiError(404, "PGRST205", f"Could not find the table 'public.{table}' in the schema cache")
        cur.execute(
            "SELECT column_name, format_type(a.atttypid, a.atttypmod) FROM information_schema.columns c "
            "JOIN pg_attribute a ON a.attrelid = ('public.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name "
            "WHERE c.table_schema = 'public' AND c.table_name = %s ORDER BY c.ordinal_position",
            (table,),
        )
        cols = dict(cur.fetchall())
        if not cols:
            raise ApiError(404, "PGRST205", f"Could not find the table 'public.{table}' in the schema cache",
                           hint="Perhaps you meant the table 'public.storage'")
        return cols

    def handle_any(self):
        # The body is read first, whatever happens next: an error answered before reading it
        # (a missing table) would leave it in the keep-alive socket as the next "request".
        n = int(self.headers.get("Content-Length") or 0)
        self.raw_body = self.rfile.read(n) if n else b""
        try:
            parts = urlsplit(self.path).path.strip("/").split("/")
            if parts == ["_subset", "config"] and self.command == "POST":
                cfg = self.body_json()
                self.server.config[cfg["table"]] = cfg
                return self.send_json(204, None)
            self.authorize()
            if parts[:2] != ["rest", "v1"]:
                raise ApiError(404, None, "not found")
            failure = self.take_failure(parts[2] if len(parts) > 2 else "")
            if failure and failure[0] == "before":
                return self.fail(failure[1])
            self.swallow = bool(failure)
            conn = self.server.db()
            try:
                with conn.cursor() as cur:
                    if len(parts) == 2 or parts[2] == "":
                        self.openapi(cur)
                    else:
                        self.table(cur, parts[2])
                conn.commit()
            except Exception:
                conn.rollback()
                raise
            finally:
                self.swallow = False
            if failure:
                return self.fail(failure[1])
        except ApiError as e:
            self.send_json(e.status, e.body)
        except psycopg2.Error as e:
            code = e.pgcode or "PGRST000"
            status = STATUS_BY_CODE.get(code, 503 if code.startswith("08") else 400)
            diag = e.diag
            self.send_json(status, {"code": code, "message": diag.message_primary or str(e),
                                    "details": diag.message_detail, "hint": diag.message_hint})

    do_GET = do_HEAD = do_POST = do_PATCH = do_DELETE = handle_any

    def take_failure(self, table):
        """The configured write failure for this request, consumed: (when, as) or None."""
        if self.command not in ("POST", "PATCH", "DELETE"):
            return None
        with self.server.lock:
            cfg = self.server.config.get(table, {})
            if int(cfg.get("fail_writes") or 0) <= 0:
                return None
            cfg["fail_writes"] -= 1
            return cfg.get("fail_when", "after"), int(cfg.get("fail_as", 503))

    def fail(self, status):
        if status == 0:
            self.close_connection = True
            self.connection.shutdown(2)  # SHUT_RDWR: the client sees the connection reset
            return
        self.send_json(status, {"code": "PGRST000", "message": "injected failure", "details": None, "hint": None})

    # -- endpoints ---------------------------------------------------------------------------
    def openapi(self, cur):
        cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        defs = {}
        for (t,) in cur.fetchall():
            cols = self.table_columns(cur, t)
            defs[t] = {"type": "object", "properties": {c: {"format": f, "type": "integer" if f in ("integer", "bigint", "smallint") else "string"} for c, f in cols.items()}}
        self.send_json(200, {"swagger": "2.0", "info": {"title": "pgrest-subset"}, "definitions": defs})

    def table(self, cur, table):
        cols = self.table_columns(cur, table)
        cfg = self.server.config.get(table, {})
        cap = min(self.server.max_rows, cfg.get("max_rows") or self.server.max_rows)
        params = self.params()
        q = Query(cols)
        conds = q.where(params)
        rls = cfg.get("rls_hidden") and self.role == "anon"
        if rls:
            conds.append("FALSE")
        where = " AND ".join(conds) if conds else "TRUE"
        args = dict((k, v) for k, v in params if k in RESERVED)
        select = self.select_list(args.get("select"), q)
        prefer = self.prefer()
        name = '"%s"' % table
        if self.command in ("GET", "HEAD"):
            self.read(cur, name, where, q, args, select, prefer, cap, cfg)
        elif self.command == "POST":
            self.insert(cur, name, cols, select, prefer, cap, cfg)
        else:
            if not conds:
                raise ApiError(400, "21000", f"{'UPDATE' if self.command == 'PATCH' else 'DELETE'} requires a WHERE clause")
            if self.command == "PATCH":
                body = self.body_json()
                if not isinstance(body, dict):
                    raise ApiError(400, "PGRST102", "Empty or invalid json")
                for k in body:
                    q.column(k) if k in cols else self.missing_column(k, table)
                sets = ", ".join('"%s" = %%s' % k for k in body) or "\"id\" = \"id\""
                sql = f"UPDATE {name} SET {sets} WHERE {where} RETURNING {select}"
                cur.execute(sql, list(body.values()) + q.params)
            else:
                cur.execute(f"DELETE FROM {name} WHERE {where} RETURNING {select}", q.params)
            rows = self.rows(cur)
            if prefer.get("return") == "representation":
                self.send_json(200, rows[:cap], [("Content-Range", f"*/{len(rows)}" if prefer.get("count") == "exact" else "*/*")])
            else:
                self.send_json(204, None, [("Content-Range", f"*/{len(rows)}" if prefer.get("count") == "exact" else "*/*")])

    def missing_column(self, k, table):
        raise ApiError(400, "PGRST204", f"Could not find the '{k}' column of '{table}' in the schema cache")

    def select_list(self, select, q):
        if not select or select == "*":
            return "*"
        return ", ".join(q.column(c.strip()) for c in select.split(","))

    def rows(self, cur):
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def read(self, cur, name, where, q, args, select, prefer, cap, cfg):
        order = []
        for term in filter(None, (args.get("order") or "").split(",")):
            bits = term.split(".")
            sql = q.column(bits[0])
            for b in bits[1:]:
                sql += {"asc": " ASC", "desc": " DESC", "nullsfirst": " NULLS FIRST", "nullslast": " NULLS LAST"}.get(b, "")
            order.append(sql)
        limit = min(int(args.get("limit", cap)), cap)
        offset = int(args.get("offset", 0))
        if prefer.get("count") == "exact":
            # PostgREST counts and selects in one statement: one snapshot for both.
            cur.connection.commit()
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        sql = f"SELECT {select} FROM {name} WHERE {where}"
        if order:
            sql += " ORDER BY " + ", ".join(order)
        cur.execute(sql + " LIMIT %s OFFSET %s", q.params + [limit, offset])
        rows = self.rows(cur)
        drop = int(cfg.get("drop_every") or 0)
        if drop > 0:
            rows = [r for i, r in enumerate(rows) if (i + 1) % drop != 0]
        total = "*"
        status = 200
        if prefer.get("count") == "exact":
            cur.execute(f"SELECT count(*) FROM {name} WHERE {where}", q.params)
            total = cur.fetchone()[0] + int(cfg.get("count_offset", 0))
            if offset + len(rows) < total:
                status = 206
        rng = f"{offset}-{offset + len(rows) - 1}/{total}" if rows else f"*/{total}"
        if self.headers.get("Accept", "").startswith("application/vnd.pgrst.object+json"):
            if len(rows) != 1:
                raise ApiError(406, "PGRST116", "JSON object requested, multiple (or no) rows returned",
                               details=f"The result contains {len(rows)} rows")
            return self.send_json(200, rows[0], [("Content-Range", rng)])
        self.send_json(status, rows, [("Content-Range", rng)])

    def insert(self, cur, name, cols, select, prefer, cap, cfg):
        body = self.body_json()
        items = body if isinstance(body, list) else [body]
        if not items or not all(isinstance(i, dict) for i in items):
            raise ApiError(400, "PGRST102", "Empty or invalid json")
        keys = []
        for item in items:
            for k in item:
                if k not in cols:
                    self.missing_column(k, name.strip('"'))
                if k not in keys:
                    keys.append(k)
        default = "DEFAULT" if prefer.get("missing") == "default" else "NULL"
        values, args = [], []
        for item in items:
            row = []
            for k in keys:
                if k in item:
                    row.append("%s")
                    v = item[k]
                    args.append(json.dumps(v) if isinstance(v, (dict, list)) else v)
                else:
                    row.append(default)
            values.append("(" + ", ".join(row) + ")")
        collist = ", ".join('"%s"' % k for k in keys)
        cur.execute(f"INSERT INTO {name} ({collist}) VALUES {', '.join(values)} RETURNING {select}", args)
        rows = self.rows(cur)
        if cfg.get("rls_hidden") and self.role == "anon":
            raise ApiError(403, "42501", f'new row violates row-level security policy for table "{name.strip(chr(34))}"')
        if prefer.get("return") == "representation":
            self.send_json(201, rows[:cap], [("Content-Range", "*/*")])
        else:
            self.send_json(201, None, [("Content-Range", "*/*")])


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: pgrest_subset.py PORT PG_URL KEY MAX_ROWS")
    port, pg_url, key, max_rows = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    server = Server(port, pg_url, key, max_rows)
    print(f"pgrest-subset listening on 127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
