package model

// ring is a FIFO queue over a circular slice. It grows by doubling, so a
// queue that has reached its working size allocates nothing more.
type ring[T any] struct {
	buf        []T
	head, size int
}

func (q *ring[T]) len() int { return q.size }

func (q *ring[T]) push(v T) {
	if q.size == len(q.buf) {
		n := max(16, 2*len(q.buf))
		buf := make([]T, n)
		for i := 0; i < q.size; i++ {
			buf[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf, q.head = buf, 0
	}
	q.buf[(q.head+q.size)%len(q.buf)] = v
	q.size++
}

// front returns a pointer to the oldest element; the queue must not be empty.
func (q *ring[T]) front() *T { return &q.buf[q.head] }

// back returns a pointer to the newest element; the queue must not be empty.
func (q *ring[T]) back() *T { return &q.buf[(q.head+q.size-1)%len(q.buf)] }

func (q *ring[T]) pop() {
	var zero T
	q.buf[q.head] = zero
	q.head++
	if q.head == len(q.buf) {
		q.head = 0
	}
	q.size--
}

// at returns a pointer to the i-th oldest element (0 is the front).
func (q *ring[T]) at(i int) *T { return &q.buf[(q.head+i)%len(q.buf)] }

// remove deletes the i-th oldest element, moving the newer ones up.
func (q *ring[T]) remove(i int) {
	for ; i < q.size-1; i++ {
		*q.at(i) = *q.at(i + 1)
	}
	var zero T
	*q.at(q.size - 1) = zero
	q.size--
}

// searchSerial finds the backorder numbered serial in q, whose serials
// increase from front to back (modulo 2³², as they are numbered), by
// bisection.
func searchSerial(q *ring[backorder], serial uint32) (int, bool) {
	lo, hi := 0, q.size
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int32(q.at(m).serial-serial) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < q.size && q.at(lo).serial == serial
}
