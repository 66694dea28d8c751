import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)
with torch.no_grad():
    a = 3 * x
b = a * x
b.backward()
print(x.grad)

x.grad = None
b = (3 * x) * x  # the same without no_grad
b.backward()
print(x.grad)
