import torch

torch.manual_seed(0)

w2, w1, b, y = 0.5, -1.0, 0.25, 3.0
x = torch.tensor(2.0, requires_grad=True)
loss = (w2 * x**2 + w1 * x + b - y) ** 2
loss.backward()

xv = x.item()
r = w2 * xv**2 + w1 * xv + b - y
print("by hand: ", 2 * r * (2 * w2 * xv + w1))
print("autograd:", x.grad)
