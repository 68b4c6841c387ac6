from setuptools import setup

setup(
    cffi_modules=["build_sock.py:ffibuilder"],
    # The extension uses only the stable ABI (cffi compiles it with Py_LIMITED_API: the
    # file is _sock.abi3.so), so one wheel serves CPython 3.9 and every later version:
    # tag it cp39-abi3 instead of the interpreter it was built on (as argon2-cffi-bindings).
    options={"bdist_wheel": {"py_limited_api": "cp39"}},
)
