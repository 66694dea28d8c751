import torch

torch.manual_seed(0)

x, y, w, b = 2.0, 4.0, 1.0, 0.5
r = x * w + b - y
print("by hand:  r =", r, " dl/dw =", 2 * r * x, " dl/db =", 2 * r)

wt = torch.tensor(w, requires_grad=True)
bt = torch.tensor(b, requires_grad=True)
((x * wt + bt - y) ** 2).backward()
print("autograd: dl/dw =", wt.grad, " dl/db =", bt.grad)
