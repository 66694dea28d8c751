import torch
from torch.func import jacfwd, jacrev
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)


def count(jac, f, x):  # (1)!
    with FlopCounterMode(display=False) as counter:
        J = jac(f)(x)
    return J, counter.get_total_flops()


for m, n in [(1, 1000), (1000, 1)]:  # (2)!
    W = torch.randn(m, n, dtype=torch.float64)
    x = torch.randn(n, dtype=torch.float64)
    f = lambda x: torch.tanh(W @ x)
    J_rev, rev = count(jacrev, f, x)
    J_fwd, fwd = count(jacfwd, f, x)
    print(f"R^{n} -> R^{m}: J {tuple(J_rev.shape)}, same: {torch.allclose(J_rev, J_fwd)}")
    print(f"  matmul flops: jacrev {rev}, jacfwd {fwd}")
