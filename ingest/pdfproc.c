/* pdfproc.c — a PDF read by a helper process (`<exe> pdf-text`): the kernel bounds its CPU, the
 * caller its wall time and its text, and its crash is the file's problem only. */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

extern char **environ;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Start `exe pdf-text …` with its stdin, stdout and stderr on new pipes (ours in fds[0..2]). */
static int spawn(const char *exe, const char *name, const RsPdfLimits *l, pid_t *pid, int fds[3]) {
    int in[2] = {-1, -1}, out[2] = {-1, -1}, er[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(er, O_CLOEXEC)) {
        int e = errno;
        for (int i = 0; i < 2; i++) close(in[i]), close(out[i]), close(er[i]);
        return e;
    }
    char pages[32], secs[32], text[32];
    snprintf(pages, sizeof pages, "%u", l->max_pages);
    snprintf(secs, sizeof secs, "%u", l->cpu_seconds);
    snprintf(text, sizeof text, "%zu", l->max_text);
    char *argv[] = {(char *)exe, "pdf-text", "--pdf-pages", pages, "--pdf-seconds", secs,
                    "--pdf-text-bytes", text, "--", (char *)name, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, er[1], 2);
    int e = posix_spawn(pid, exe, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]), close(out[1]), close(er[1]);
    if (e) {
        close(in[1]), close(out[0]), close(er[0]);
        return e;
    }
    fds[0] = in[1], fds[1] = out[0], fds[2] = er[0];
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    return 0;
}

RsStatus rs_pdf_text_helper(const char *exe, const char *data, size_t len, const char *name,
                            char **out, size_t *out_len, RsError *err) {
    *out = NULL;
    *out_len = 0;
    RsPdfLimits l = rs_pdf_limits();
    pid_t pid;
    int fds[3] = {-1, -1, -1};
    int e = spawn(exe, name, &l, &pid, fds);
    if (e) return rs_error_set(err, RS_ERR_IO, "%s: cannot start the PDF reader %s: %s", name, exe, strerror(e));
    RsBuf text = {0}, msg = {0};
    size_t sent = 0;
    /* the child's own CPU limit stops it; this also stops one that waits or sleeps */
    double deadline = now_s() + 2.0 * l.cpu_seconds + 5, t;
    int too_much = 0, timed_out = 0, nomem = 0;
    while (fds[1] >= 0 || fds[2] >= 0) {
        if ((t = now_s()) > deadline) { timed_out = 1; break; }
        struct pollfd p[3] = {{fds[0], POLLOUT, 0}, {fds[1], POLLIN, 0}, {fds[2], POLLIN, 0}};
        int r = poll(p, 3, (int)((deadline - t) * 1000) + 1);
        if (r < 0 && errno != EINTR) break;
        if (fds[0] >= 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(fds[0], data + sent, len - sent > 65536 ? 65536 : len - sent);
            if (w > 0) sent += (size_t)w;
            if (sent == len || (w < 0 && errno != EAGAIN && errno != EINTR)) close(fds[0]), fds[0] = -1;
        }
        for (int k = 1; k < 3; k++) {
            if (fds[k] < 0 || !(p[k].revents & (POLLIN | POLLERR | POLLHUP))) continue;
            char buf[65536];
            ssize_t n = read(fds[k], buf, sizeof buf);
            if (n > 0) {
                RsBuf *b = k == 1 ? &text : &msg;
                if (k == 2 && msg.len > 4096) continue; /* a message, not a stream */
                if (rs_buf_append(b, buf, (size_t)n) != RS_OK) nomem = 1;
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(fds[k]), fds[k] = -1;
            }
        }
        if (text.len > l.max_text) too_much = 1; /* while it reads, not after */
        if (too_much || nomem) break;
    }
    for (int k = 0; k < 3; k++)
        if (fds[k] >= 0) close(fds[k]);
    int status = 0;
    if (timed_out || too_much || nomem) kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    RsStatus rc = RS_OK;
    if (nomem) {
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    } else if (too_much) {
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: the PDF's text is over the limit of %zu bytes", name, l.max_text);
    } else if (timed_out || (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL))) {
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: reading the PDF took more than its %u s of CPU (--pdf-seconds)",
                          name, l.cpu_seconds);
    } else if (WIFSIGNALED(status)) {
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: the PDF reader crashed on it (signal %d)", name, WTERMSIG(status));
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        while (msg.len && (msg.data[msg.len - 1] == '\n')) msg.data[--msg.len] = '\0';
        const char *m = msg.len ? msg.data : "the PDF reader failed", *last = m, *at;
        while ((at = strstr(last, "refsog: "))) last = at + 8; /* poppler's warnings come before */
        if (last != m) m = last;
        /* the helper's message already names the file */
        rc = rs_error_set(err, WEXITSTATUS(status) == 3 ? RS_ERR_NOMEM : RS_ERR_INPUT, "%s", m);
    }
    rs_buf_free(&msg);
    if (rc != RS_OK) {
        rs_buf_free(&text);
        return rc;
    }
    *out_len = text.len;
    *out = rs_buf_steal(&text);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}
