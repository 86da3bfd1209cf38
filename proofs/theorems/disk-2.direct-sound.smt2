; EigenVerify closed-disk theorem, degree 2.
;
; p(z) = z^2 + a1 z^1 + ... + a1 z + a0 with real coefficients a0 ... a1.
; E_2: the conditions c >= 0 for each c below (the description used for degree 2):
;   a0 + a1 + 1    [p(1) >= 0]
;   a0 - a1 + 1    [p(-1) >= 0]
;   -a0 + 1    [p(0) <= 1]
;
; This file: E_n implies that every root x + iy of p has x^2 + y^2 <= 1.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const x Real)
(declare-const y Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 1) 0))
(assert (>= (+ a0 (- a1) 1) 0))
(assert (>= (+ (- a0) 1) 0))
; Powers of z = x + iy: re_j + i im_j = z^j.
(define-fun re2 () Real (- (* x x) (* y y)))
(define-fun im2 () Real (+ (* x y) (* y x)))
(define-fun p_re () Real (+ a0 (* a1 x) (* 1 re2)))
(define-fun p_im () Real (+ (* a1 y) (* 1 im2)))
; Negation: x + iy is a root of p outside the closed unit disk.
(assert (= p_re 0))
(assert (= p_im 0))
(assert (> (+ (* x x) (* y y)) 1))
(check-sat)
