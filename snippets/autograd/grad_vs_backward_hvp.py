import torch
from torch.autograd.functional import hessian
from torch.func import grad, jvp

torch.manual_seed(0)


def f(x):
    return (x**3).sum() + x[0] * x[1] * x[2]


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
v = torch.tensor([1.0, -1.0, 0.5], dtype=torch.float64)

(g,) = torch.autograd.grad(f(x), x, create_graph=True)  # (1)!
(hv,) = torch.autograd.grad(g, x, grad_outputs=v)  # (2)!

H = hessian(f, x.detach())  # (3)!
print(H)
print(hv)
print(H @ v)
print("hv == H @ v:", torch.allclose(hv, H @ v))
_, hv_forward = jvp(grad(f), (x.detach(),), (v,))  # (4)!
print("torch.func, forward over reverse:", torch.allclose(hv_forward, hv))
