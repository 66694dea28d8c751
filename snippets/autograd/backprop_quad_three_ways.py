import torch

torch.manual_seed(0)

x, y = 2.0, 3.0


def loss_fn(p):  # p = [w2, w1, b]
    y_hat = p[0] * x**2 + p[1] * x + p[2]
    return (y_hat - y) ** 2


p = torch.tensor([0.5, -1.0, 0.25], dtype=torch.float64, requires_grad=True)
loss_fn(p).backward()

w2, w1, b = p.detach()
r = w2 * x**2 + w1 * x + b - y
formula = torch.stack([2 * r * x**2, 2 * r * x, 2 * r])  # (1)!

h = 1e-6
numeric = torch.empty(3, dtype=torch.float64)
for i in range(3):
    e = torch.zeros(3, dtype=torch.float64)
    e[i] = h
    numeric[i] = (loss_fn(p.detach() + e) - loss_fn(p.detach() - e)) / (2 * h)  # (2)!

print("formula  ", formula)
print("autograd ", p.grad)
print("numeric  ", numeric)
print("max |numeric - formula| < 1e-6:", (numeric - formula).abs().max().item() < 1e-6)
print("autograd == formula:", torch.allclose(p.grad, formula), " numeric == formula:", torch.allclose(numeric, formula))
