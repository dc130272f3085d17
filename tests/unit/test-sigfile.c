/* Unit tests of lib/sigfile: orders, escapes, parameters, record lines and
 * drop-list lines, written and read back. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sigfile.h"

static void order_tests(void)
{
    char text[24];
    uint64_t order = sigfile_order(3, 42), back = 0;
    sigfile_order_text(order, text);
    CHECK_STR(text, "00003.000000000042", "order text");
    CHECK(sigfile_parse_order(text, strlen(text), &back) && back == order, "order read back");
    CHECK(sigfile_order_shard(order) == 3, "shard of an order");
    CHECK(!sigfile_parse_order("3.42", 4, &back), "short order refused");
    CHECK(!sigfile_parse_order("00003x000000000042", 18, &back), "bad separator refused");
    char a[24], b[24];
    sigfile_order_text(sigfile_order(1, 999999999999ULL), a);
    sigfile_order_text(sigfile_order(2, 0), b);
    CHECK(strcmp(a, b) < 0, "text order is number order across shards");
}

static void escape_tests(void)
{
    struct buf e = BUF_INIT, u = BUF_INIT;
    const char id[] = "a\tb\\c\nd\re";
    sigfile_escape(id, sizeof id - 1, &e);
    CHECK_STR(e.data, "a\\tb\\\\c\\nd\\re", "escape");
    CHECK(sigfile_unescape(e.data, e.len, &u) && u.len == sizeof id - 1 &&
          memcmp(u.data, id, u.len) == 0, "unescape reverses escape");
    buf_reset(&u);
    CHECK(!sigfile_unescape("x\\", 2, &u) && (buf_reset(&u), !sigfile_unescape("\\q", 2, &u)),
          "bad escapes refused");
    buf_free(&e);
    buf_free(&u);
}

static void params_tests(void)
{
    struct dedupe_params p = {DEDUPE_BOTH, {5, true}, 128, 0, 0, 0.75, 0, 12}, q;
    dedupe_params_finish(&p);
    struct buf line = BUF_INIT;
    sigfile_write_params(&p, "te xt", NULL, &line);
    CHECK(line.len > 0 && line.data[line.len - 1] == '\n', "params line ends in a newline");
    memset(&q, 0, sizeof q);
    CHECK(sigfile_parse_params(line.data, line.len - 1, &q), "params read back");
    CHECK(q.mode == p.mode && q.shingle.size == 5 && q.shingle.fold_digits && q.perms == 128 &&
          q.bands == p.bands && q.rows == p.rows && q.needed == p.needed && q.threshold == 0.75 &&
          q.min_words == 12,
          "every parameter survives");
    CHECK(!sigfile_parse_params("#params\tv1 mode=9", 17, &q), "a bad params line is refused");
    buf_free(&line);
}

static void record_tests(void)
{
    struct dedupe_params p = {DEDUPE_BOTH, {5, false}, 8, 2, 0, 0.5, 0, 0};
    dedupe_params_finish(&p);
    uint32_t keys[2] = {0xdeadbeef, 7};
    uint16_t sig[8] = {1, 2, 3, 0xffff, 5, 6, 7, 8};
    struct dedupe_item item = {true, {0x1122334455667788ULL, 0x99aabbccddeeff00ULL}, true, keys, sig};
    struct buf out = BUF_INIT, reason = BUF_INIT;
    sigfile_write_record(sigfile_order(1, 5), "x\ty", 3, &p, &item, &out);
    const char *want =
        "e.99aabbccddeeff001122334455667788\t00001.000000000005\n"
        "n0000.deadbeef\t00001.000000000005\n"
        "n0001.00000007\t00001.000000000005\n"
        "~00001.000000000005\tx\\ty\t99aabbccddeeff001122334455667788\tdeadbeef00000007\t"
        "000100020003ffff0005000600070008\n";
    CHECK_STR(out.data, want, "record lines");
    struct sigfile_record r;
    sigfile_record_init(&r, &p);
    const char *last = strstr(out.data, "~");
    CHECK(sigfile_parse_record(&r, last, strlen(last) - 1, &reason), "record line read back");
    CHECK(r.order == sigfile_order(1, 5) && r.id_len == 4 && memcmp(r.id, "x\\ty", 4) == 0,
          "order and escaped id");
    CHECK(r.item.has_exact && r.item.exact.lo == item.exact.lo && r.item.exact.hi == item.exact.hi,
          "exact hash");
    CHECK(r.item.has_near && memcmp(r.keys, keys, sizeof keys) == 0 &&
          memcmp(r.compact, sig, sizeof sig) == 0, "band keys and signature");

    struct dedupe_item bare = {false, {0, 0}, false, NULL, NULL};
    buf_reset(&out);
    sigfile_write_record(0, "z", 1, &p, &bare, &out);
    CHECK_STR(out.data, "~00000.000000000000\tz\t-\t-\t-\n", "a record with nothing to compare");
    CHECK(sigfile_parse_record(&r, out.data, out.len - 1, &reason) && !r.item.has_exact &&
          !r.item.has_near, "read back");
    const char *bad[] = {"~00000.000000000000\tz\t-\t-",
                         "~00000.000000000000\tz\t-\tdeadbeef00000007\t-",
                         "~00000.000000000000\tz\tXX\t-\t-",
                         "~0.0\tz\t-\t-\t-",
                         "~00000.000000000000\tz\t-\tdeadbeef0000000\t000100020003ffff0005000600070008"};
    int refused = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf_reset(&reason);
        refused += !sigfile_parse_record(&r, bad[i], strlen(bad[i]), &reason) && reason.len > 0;
    }
    CHECK(refused == 5, "malformed record lines are refused with a reason (%d of 5)", refused);
    sigfile_record_free(&r);
    buf_free(&out);
    buf_free(&reason);
}

static void drop_tests(void)
{
    struct buf out = BUF_INIT;
    sigfile_write_drop(sigfile_order(2, 9), "b", 1, "a\\tz", 4, false, "0.914", &out);
    CHECK_STR(out.data, "00002.000000000009\tb\ta\\tz\tnear\t0.914\n", "drop line");
    struct sigfile_drop d;
    CHECK(sigfile_parse_drop(out.data, out.len - 1, &d) && d.order == sigfile_order(2, 9) &&
          !d.exact && d.dup_of_len == 4 && d.similarity_len == 5, "drop line read back");
    CHECK(!sigfile_parse_drop("00002.000000000009\tb\ta\tfuzzy\t1", 31, &d), "bad type refused");
    CHECK(!sigfile_parse_drop("00002.000000000009\tb\ta\texact\t1e3", 33, &d), "bad similarity refused");
    buf_free(&out);
}

int main(void)
{
    order_tests();
    escape_tests();
    params_tests();
    record_tests();
    drop_tests();
    return CHECK_DONE();
}
