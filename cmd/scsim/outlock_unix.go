//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// errLocked is returned when another process holds the lock of --out.
var errLocked = errors.New("another scsim is writing this directory now (it holds the lock file beside it); wait for it to finish, or write elsewhere")

// lockOut takes the lock file path (created if missing) without waiting,
// and returns the function that removes and releases it. The file is
// removed while locked, so a process that opened it before the removal
// finds, once it holds it, that it is no longer the file at path, and
// tries again.
func lockOut(path string) (unlock func(), err error) {
	for range 3 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("create lock file: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLocked
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() { os.Remove(path); f.Close() }, nil
		}
		f.Close() // removed by the process that held it: take the new one
	}
	return nil, errLocked
}
