; EigenVerify certificate: optimizer hessian-usam, claim exact-alpha-1_10.rho-1_20, part complete.
;
; Claim: for the hyperparameters alpha = 1/10, rho = 1/20 and every real lambda (an eigenvalue of the Hessian H at a critical point),
;   lambda in R  <=>  every root of p(z) = det(zI - M(lambda)) lies in the closed unit disk |z| <= 1,
; where R = { lambda : {-20} U [0, root(x^3 + 40*x^2 + 400*x - 8000, [9, 19/2])] }, M is the 1x1 Jacobian of the update at the fixed point
; per eigenvalue, and p(z) = alpha*lambda^3*rho^2 + 2*alpha*lambda^2*rho + alpha*lambda + z - 1.
; The eigenvalue lambda is written lam in SMT-LIB terms (SMT-LIB 2.6 reserves the word lambda).
;
; This file: every root of p in the closed unit disk ==> lambda in R.
; It asserts the negation of that statement; the expected answer is unsat (no counterexample).

(set-logic QF_NRA)
(set-info :status unsat)

; The eigenvalue (lambda).
(declare-const lam Real)
; Hyperparameters.
(declare-const alpha Real)
(declare-const rho Real)
(assert (= alpha (/ 1 10)))
(assert (= rho (/ 1 20)))
; Exact numbers of the region, each pinned down uniquely by its facts.
; root1 = root(x^3 + 40*x^2 + 400*x - 8000, [9, 19/2]): the only root of x^3 + 40*x^2 + 400*x - 8000 in (9, 19/2), approximately 9.31142463753536
(declare-const root1 Real)
(assert (= (+ (* root1 root1 root1) (* 40 root1 root1) (* 400 root1) (- 8000)) 0))
(assert (< 9 root1))
(assert (< root1 (/ 19 2)))
; Membership in R: {-20} U [0, root(x^3 + 40*x^2 + 400*x - 8000, [9, 19/2])].
(define-fun in_region () Bool (or (and (<= 0 lam) (<= lam root1)) (= lam (- 20))))

; Coefficients of p(z) = c0 + c1 z + ... + z^k (polynomials in the eigenvalue and hyperparameters).
(define-fun c0 () Real (+ (* alpha lam lam lam rho rho) (* 2 alpha lam lam rho) (* alpha lam) (- 1)))
; Powers of z = x + iy: re_j + i im_j = z^j.
; Real and imaginary parts of p(x + iy).
(define-fun p_re ((x Real) (y Real)) Real (+ c0 x))
(define-fun p_im ((x Real) (y Real)) Real y)
; x + iy is a root of p strictly outside the closed unit disk.
(define-fun root_outside ((x Real) (y Real)) Bool (and (= (p_re x y) 0) (= (p_im x y) 0) (> (+ (* x x) (* y y)) 1)))

; The eigenvalue lies outside R.
(assert (not in_region))
; p(z) = z + c0 has the single root -c0. Negation of "some root lies outside": the
; witness -c0 is not a root outside the disk. The solver itself checks that the witness is a
; root (p_re = p_im = 0), so the witness formula is not trusted.
(assert (not (root_outside (- c0) 0)))
(check-sat)
