import torch

torch.manual_seed(0)

x, y, w = 1.0, 2.0, 1.0
r = x * w - y
print("by hand: ", 2 * r * x)

wt = torch.tensor(w, requires_grad=True)
((x * wt - y) ** 2).backward()
print("autograd:", wt.grad)
