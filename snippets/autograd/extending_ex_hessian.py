import torch
from torch.func import hessian, jacfwd, jacrev

torch.manual_seed(0)


def f(x):
    return (x**3).sum() + x[0] * x[1]


x = torch.tensor([1.0, 2.0, -1.0], dtype=torch.float64)
H = jacfwd(jacrev(f))(x)  # (1)!
print(H)
print("same as torch.func.hessian:", torch.allclose(H, hessian(f)(x)))
print("diagonal 6x:", torch.equal(H.diagonal(), 6 * x))
