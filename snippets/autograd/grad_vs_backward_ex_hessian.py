import torch
from torch.autograd.functional import hessian

torch.manual_seed(0)


def f(x):
    return x[0] ** 2 * x[1] + torch.sin(x[1])


x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
(g,) = torch.autograd.grad(f(x), x, create_graph=True)

rows = []
for e in torch.eye(2, dtype=torch.float64):
    (row,) = torch.autograd.grad(g, x, grad_outputs=e, retain_graph=True)
    rows.append(row)
H_rows = torch.stack(rows)

print(H_rows)
print("rows == hessian():", torch.allclose(H_rows, hessian(f, x.detach())))
