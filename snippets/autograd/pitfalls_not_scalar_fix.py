import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.sum().backward()  # (1)!
print(x.grad)

x.grad = None
y = x * x
y.backward(gradient=torch.ones_like(y))  # (2)!
print(x.grad)
