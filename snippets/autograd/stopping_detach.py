import torch

torch.manual_seed(0)

x = torch.tensor(3.0, requires_grad=True)
c = x.detach()  # (1)!
print("c =", c, " requires_grad", c.requires_grad, " is_leaf", c.is_leaf)

(x * c).backward()  # (2)!
print("x.grad:", x.grad)

c += 1  # (3)!
print("x after c += 1:", x)
