import torch

torch.manual_seed(0)

x = torch.tensor(1.0, requires_grad=True)
y1 = x**2
with torch.no_grad():
    y2 = x**3  # (1)!
y3 = y1 + y2
print(y1, y1.requires_grad)
print(y2, y2.requires_grad)
print(y3, y3.requires_grad)

y3.backward()
print(x.grad)  # (2)!
print(2 * x.detach() + 3 * x.detach() ** 2)  # (3)!
