#!/usr/bin/python3
"""no_openat2.py COMMAND...: run COMMAND where openat2() answers ENOSYS.

A seccomp filter as a container runtime with an old profile installs it (and
as a kernel before 5.6 behaves): the test that specbench then refuses to read
a sysroot, saying why, instead of walking paths in user space.  Unprivileged:
PR_SET_NO_NEW_PRIVS first, as seccomp(2) requires.
"""
import ctypes
import os
import struct
import sys

NR_OPENAT2 = 437  # the same number on every architecture (Linux 5.6's table)
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
RET_ALLOW, RET_ERRNO, ENOSYS = 0x7FFF0000, 0x00050000, 38
LD_W_ABS, JEQ_K, RET_K = 0x20, 0x15, 0x06


def insn(code, jt, jf, k):
    return struct.pack("HBBI", code, jt, jf, k)


prog = b"".join([
    insn(LD_W_ABS, 0, 0, 0),                  # A = seccomp_data.nr
    insn(JEQ_K, 0, 1, NR_OPENAT2),            # openat2? next : skip one
    insn(RET_K, 0, 0, RET_ERRNO | ENOSYS),
    insn(RET_K, 0, 0, RET_ALLOW),
])
filters = ctypes.create_string_buffer(prog, len(prog))


class Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


libc = ctypes.CDLL(None, use_errno=True)
fprog = Fprog(len(prog) // 8, ctypes.addressof(filters))
if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or \
        libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0):
    sys.exit("no_openat2.py: seccomp: " + os.strerror(ctypes.get_errno()))
os.execvp(sys.argv[1], sys.argv[1:])
