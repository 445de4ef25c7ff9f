/*
 * fetch_decode: a FETCH_RAW_BODY body inflated after the fact (fetch.h).
 *
 * libcurl inflates as bytes arrive; a poller that first wants to know
 * whether the body is the one it stored last can hash the compressed bytes
 * instead and inflate only news.  zlib does the work: it is what libcurl
 * and libxml2 decode with already.
 */
#include "config.h"

#include "net/fetch_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "util/xalloc.h"

/* zlib's windowBits: 15 + 32 reads a gzip or a zlib header, whichever it
 * finds; -15 is a raw deflate stream (what some servers send as
 * "deflate", RFC 9110 notwithstanding) */
#define WBITS_AUTO	(15 + 32)
#define WBITS_RAW	(-15)

/* Inflate in[0..len) into out.  Returns 0, -1 (corrupt or cut short),
 * -2 (out is full). */
static int
inflate_all(const unsigned char *in, size_t len, int wbits, struct buf *out)
{
	unsigned char chunk[64 * 1024];
	size_t made;
	z_stream z;
	int rc, ret = 0;

	if (len > 0x7fffffffu)
		return -2;	/* (no cap lets that much in) */
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, wbits) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)len;
	for (;;) {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		made = sizeof chunk - z.avail_out;
		if (made > 0 && buf_add(out, chunk, made) < 0) {
			ret = -2;
			break;
		}
		if (rc == Z_OK)
			continue;	/* it moved: more to come */
		if (rc != Z_STREAM_END) {
			/* Z_BUF_ERROR: the input ended inside the stream */
			ret = -1;
			break;
		}
		/* another gzip member may follow (gzip -c a b); trailing zero
		 * bytes some servers pad with are not one */
		while (z.avail_in > 0 && *z.next_in == 0) {
			z.next_in++;
			z.avail_in--;
		}
		if (z.avail_in == 0)
			break;
		if (wbits == WBITS_RAW || inflateReset(&z) != Z_OK) {
			ret = -1;
			break;
		}
	}
	inflateEnd(&z);
	return ret;
}

int
fetch_decode(struct fetch_result *r, const char *url, size_t max_size, struct err *e)
{
	struct buf out;
	const char *enc = r->content_encoding;
	char *redacted;
	int rc;

	if (enc == NULL)
		return 0;
	if (max_size == 0)
		max_size = FETCH_DEFAULT_MAX_SIZE;
	buf_init(&out, max_size);
	if (strcasecmp(enc, "gzip") == 0 || strcasecmp(enc, "x-gzip") == 0) {
		rc = inflate_all((const unsigned char *)r->body.data, r->body.len,
		    WBITS_AUTO, &out);
	} else if (strcasecmp(enc, "deflate") == 0) {
		rc = inflate_all((const unsigned char *)r->body.data, r->body.len,
		    WBITS_AUTO, &out);
		if (rc == -1) {
			buf_reset(&out);
			rc = inflate_all((const unsigned char *)r->body.data, r->body.len,
			    WBITS_RAW, &out);
		}
	} else {
		rc = -3;
	}
	if (rc == 0) {
		buf_release(&r->body);
		r->body = out;
		free(r->content_encoding);
		r->content_encoding = NULL;
		return 0;
	}
	buf_release(&out);
	buf_release(&r->body);
	buf_init(&r->body, 0);
	redacted = fetch_url_redact(url);
	if (rc == -2) {
		char size[64];

		fetch_describe_size(size, sizeof size, max_size);
		err_set(e, "%s: response larger than %s decoded", redacted, size);
	} else if (rc == -3) {
		/* (enc came through header_cb: no control characters, bounded) */
		err_set(e, "%s: unknown content encoding \"%.40s\"", redacted, enc);
	} else {
		err_set(e, "%s: corrupt %s body", redacted, enc);
	}
	free(redacted);
	r->status = rc == -2 ? FETCH_TOO_BIG : FETCH_NETWORK;
	r->err = *e;
	return -1;
}
