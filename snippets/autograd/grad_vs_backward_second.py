import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)
f = x**3

(df,) = torch.autograd.grad(f, x, create_graph=True)  # (1)!
print(df)
(d2f,) = torch.autograd.grad(df, x)  # (2)!
print(d2f)

x0 = x.detach()
print(3 * x0**2, 6 * x0)  # (3)!
